import { type ReactNode, useEffect, useRef } from 'react';

let firstPage = true;

/**
 * A screen: sets the document title and, after client-side navigation, moves focus to the heading so that
 * keyboard and screen-reader users start at the top of the new screen.
 */
export function Page({
  title,
  heading,
  children,
  headingClassName,
}: {
  title: string;
  heading?: ReactNode;
  children?: ReactNode;
  headingClassName?: string;
}) {
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} · Blueprint`;
  }, [title]);

  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus();
  }, []);

  return (
    <>
      <h1 ref={ref} tabIndex={-1} className={headingClassName}>
        {heading ?? title}
      </h1>
      {children}
    </>
  );
}
