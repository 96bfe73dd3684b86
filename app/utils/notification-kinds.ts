// The kinds of in-app notification (not .server: the notifications page names them).
export const NOTIFICATION_KINDS = [
  'reply',
  'join_request',
  'join_approved',
  'join_declined',
  'invitation',
  'masterclass_promoted',
  'masterclass_changed',
  'masterclass_cancelled',
  'peer_group_community',
  'peer_group_masterclass',
  'introduction_request',
  'introduction_accepted',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]
