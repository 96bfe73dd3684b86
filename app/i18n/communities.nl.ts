// Dutch texts of the communities pages (a section of nl.ts, kept apart so features own their texts).
export const communitiesNl = {}
