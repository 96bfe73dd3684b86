// Dutch texts of the discussions pages (a section of nl.ts, kept apart so features own their texts).
export const discussionsNl = {}
