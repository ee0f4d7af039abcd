/** The role an audience may name instead of an organisation: the member state holding the Presidency when read. */
export const PRESIDENCY = 'PRESIDENCY';
