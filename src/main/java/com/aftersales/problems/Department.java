package com.aftersales.problems;

/** Who reads the problem library to prevent recurrence (BRIEF.md step 3; 7.2.3–7.2.5 of the procedure). */
public enum Department {
    ENGINEERING, PROCESS, PRODUCTION, QUALITY
}
