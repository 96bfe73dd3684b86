// Dutch texts of the membership pages (a section of nl.ts, kept apart so features own their texts).
export const membershipNl = {}
