// English texts of peer suggestions, introductions and the matching weights (typed by peers.nl.ts).
import type { peersNl } from './peers.nl'
import type { Widen } from './types'

export const peersEn: Widen<typeof peersNl> = {
  title: 'Peers',
  intro:
    'Peers from other organisations who are also visible for matching: in the same position, in the same phase of the transition, with the same themes or in the same province.',
  optInTitle: 'Become visible first',
  optInText:
    'You see suggested peers once you are visible for matching yourself: whoever wants to find others lets themselves be found too. Turn on “Show me in peer matching and the member directory” on your profile.',
  optInLink: 'Go to your profile',
  completeProfile: 'Fill in your position, phase and themes on your profile for better suggestions.',
  filters: {
    label: 'Filter suggestions',
    sameProvince: 'Only in my province',
    organisationType: 'Type of organisation',
    anyType: 'All types',
    sameType: 'Only my type of organisation',
    otherTypes: 'Only other types',
    theme: 'Theme',
    anyTheme: 'All themes',
    submit: 'Show suggestions',
  },
  likeYou: 'Peers like you',
  likeYouIntro: 'In the same position, in the same phase or with the same themes.',
  ahead: 'One phase ahead',
  aheadIntro: 'They are one phase further than you and can show you the next step.',
  none: 'No suggestions with these filters.',
  noneAhead: 'Nobody one phase ahead with these filters.',
  reasonsLabel: 'Why: ',
  reasons: {
    position: 'also {{position}}',
    samePhase: 'also in {{phase}}',
    phaseAhead: 'one phase ahead: {{phase}}',
    sharedThemes: 'shares {{themes}}',
    region: 'also in {{province}}',
  },
  organisation: 'Organisation',
  position: 'Position',
  phase: 'Phase',
  metBefore: 'You have been introduced before or were in the same group.',
  states: {
    sent: 'You asked for an introduction.',
    received: 'Asks you for an introduction (see the requests above).',
    introduced: 'You have been introduced to each other.',
  },
  ask: {
    message: 'Message to {{name}}',
    hint: 'Introduce yourself briefly and say what you would like to discuss (at most {{max}} characters).',
    submit: 'Ask for an introduction',
  },
  requests: {
    title: 'Introduction requests',
    none: 'No request is waiting for your answer.',
    from: '{{name}} asks for an introduction',
    receivedAt: 'Received on {{date}}',
    accept: 'Accept',
    decline: 'Decline',
    declineHint: 'Whoever you decline is not told.',
  },
  sent: {
    title: 'Requests you sent',
    at: 'Sent on {{date}}',
  },
  introduced: {
    title: 'Introductions',
    none: 'No introductions yet.',
    email: 'E-mail address',
  },
  notices: {
    asked: 'Your request for an introduction has been sent.',
    accepted: 'You accepted the introduction: you now see each other’s e-mail address.',
    declined: 'You declined the request. The other person is not told.',
  },
  errors: {
    optInFirst: 'First turn on “Show me in peer matching and the member directory” on your profile.',
    notAPeer: 'You cannot ask this person for an introduction.',
    alreadyAsked: 'There is already a request for an introduction between you.',
    alreadyIntroduced: 'You have already been introduced to each other.',
    tooManyOpen: 'You have asked {{max}} people in the last {{days}} days. Wait for an answer before you ask more people.',
    requestGone: 'This request no longer exists or has already been answered.',
  },
  mail: {
    requestSubject: '{{person}} would like to meet you through Peloton',
    requestBody: '{{person}} asks you for an introduction. Read the message and answer at:\n\n{{url}}',
    acceptedSubject: '{{person}} accepted your request for an introduction',
    acceptedBody: '{{person}} would like to meet you. You find the e-mail address at:\n\n{{url}}',
  },
  weights: {
    title: 'Peer matching',
    intro:
      'How many points each match earns in the peer suggestions. One phase ahead is a separate list; shared themes count up to three.',
    position: 'Same position',
    samePhase: 'Same phase',
    phaseAhead: 'One phase ahead',
    sharedTheme: 'Per shared theme',
    region: 'Same province',
    hint: 'A whole number from 0 to 100.',
    save: 'Save weights',
    saved: 'The weights have been saved.',
  },
}
