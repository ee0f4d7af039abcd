/** T1: member states significantly affected by their own assessment. */
export const T1_MEMBER_STATES = 6;
/** T3 and the decision it calls for: member states significantly affected by their own assessment. */
export const T3_MEMBER_STATES = 2;
/** CER Art. 17: a critical entity serving this many member states is of particular European significance. */
export const CEPES_MEMBER_STATES = 6;
