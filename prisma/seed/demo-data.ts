// The raw material of the demo population (see demo.ts): organisations that
// exist in the Dutch soil and subsurface field, common Dutch names and the
// sentences that bios are made of. Slugs refer to taxonomies.ts.

export interface DemoOrganisation {
  name: string
  type: string
  province: string
  /** How many demo members work here. */
  members: number
  /** Themes this organisation's people work on most; a member's first theme comes from here. */
  focus: string[]
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { name: 'Gemeente Utrecht', type: 'gemeente', province: 'utrecht', members: 4, focus: ['bodemenergie-en-warmte', 'ondergronds-ruimtegebruik', 'omgevingsvisie-en-omgevingswet'] },
  { name: 'Gemeente Amersfoort', type: 'gemeente', province: 'utrecht', members: 2, focus: ['omgevingsvisie-en-omgevingswet', 'klimaatadaptatie'] },
  { name: 'Gemeente Rotterdam', type: 'gemeente', province: 'zuid-holland', members: 3, focus: ['ondergronds-ruimtegebruik', 'klimaatadaptatie', 'bodemverontreiniging-en-spoedlocaties'] },
  { name: 'Gemeente Zwolle', type: 'gemeente', province: 'overijssel', members: 3, focus: ['klimaatadaptatie', 'omgevingsvisie-en-omgevingswet', 'financiering-bodembeheer'] },
  { name: 'Gemeente Groningen', type: 'gemeente', province: 'groningen', members: 2, focus: ['bodemenergie-en-warmte', 'mijnbouw'] },
  { name: 'Gemeente Eindhoven', type: 'gemeente', province: 'noord-brabant', members: 2, focus: ['bodemverontreiniging-en-spoedlocaties', 'grondwater'] },
  { name: 'Gemeente Leeuwarden', type: 'gemeente', province: 'friesland', members: 2, focus: ['omgevingsvisie-en-omgevingswet', 'financiering-bodembeheer'] },
  { name: 'Gemeente Almere', type: 'gemeente', province: 'flevoland', members: 2, focus: ['ondergronds-ruimtegebruik', 'klimaatadaptatie'] },
  { name: 'Provincie Zuid-Holland', type: 'provincie', province: 'zuid-holland', members: 4, focus: ['bodemverontreiniging-en-spoedlocaties', 'nazorg', 'grondwater'] },
  { name: 'Provincie Gelderland', type: 'provincie', province: 'gelderland', members: 3, focus: ['drinkwater', 'grondwater', 'landbouw-en-voedsel'] },
  { name: 'Provincie Limburg', type: 'provincie', province: 'limburg', members: 2, focus: ['mijnbouw', 'nazorg', 'grondwater'] },
  { name: 'Provincie Drenthe', type: 'provincie', province: 'drenthe', members: 2, focus: ['mijnbouw', 'drinkwater', 'landbouw-en-voedsel'] },
  { name: 'Provincie Noord-Brabant', type: 'provincie', province: 'noord-brabant', members: 2, focus: ['landbouw-en-voedsel', 'grondwater', 'financiering-bodembeheer'] },
  { name: 'Waterschap Rivierenland', type: 'waterschap', province: 'gelderland', members: 3, focus: ['klimaatadaptatie', 'grondwater'] },
  { name: 'Hoogheemraadschap Hollands Noorderkwartier', type: 'waterschap', province: 'noord-holland', members: 2, focus: ['klimaatadaptatie', 'landbouw-en-voedsel'] },
  { name: 'Waterschap Vechtstromen', type: 'waterschap', province: 'overijssel', members: 2, focus: ['grondwater', 'landbouw-en-voedsel'] },
  { name: 'Omgevingsdienst Regio Nijmegen', type: 'omgevingsdienst', province: 'gelderland', members: 3, focus: ['bodemverontreiniging-en-spoedlocaties', 'bodemenergie-en-warmte'] },
  { name: 'DCMR Milieudienst Rijnmond', type: 'omgevingsdienst', province: 'zuid-holland', members: 2, focus: ['bodemverontreiniging-en-spoedlocaties', 'nazorg'] },
  { name: 'Omgevingsdienst Noordzeekanaalgebied', type: 'omgevingsdienst', province: 'noord-holland', members: 2, focus: ['bodemverontreiniging-en-spoedlocaties', 'bodemenergie-en-warmte'] },
  { name: 'RUD Zeeland', type: 'omgevingsdienst', province: 'zeeland', members: 2, focus: ['bodemverontreiniging-en-spoedlocaties', 'grondwater'] },
  { name: 'Rijkswaterstaat', type: 'rijk', province: 'utrecht', members: 3, focus: ['ondergronds-ruimtegebruik', 'nazorg', 'klimaatadaptatie'] },
  { name: 'Ministerie van Infrastructuur en Waterstaat', type: 'rijk', province: 'zuid-holland', members: 2, focus: ['omgevingsvisie-en-omgevingswet', 'financiering-bodembeheer'] },
  { name: 'Vitens', type: 'drinkwaterbedrijf', province: 'overijssel', members: 2, focus: ['drinkwater', 'grondwater'] },
  { name: 'Brabant Water', type: 'drinkwaterbedrijf', province: 'noord-brabant', members: 2, focus: ['drinkwater', 'landbouw-en-voedsel'] },
  { name: 'Deltares', type: 'kennisinstelling', province: 'zuid-holland', members: 2, focus: ['grondwater', 'klimaatadaptatie', 'ondergronds-ruimtegebruik'] },
  { name: 'TNO Geologische Dienst Nederland', type: 'kennisinstelling', province: 'utrecht', members: 2, focus: ['mijnbouw', 'bodemenergie-en-warmte'] },
  { name: 'Wageningen University & Research', type: 'kennisinstelling', province: 'gelderland', members: 1, focus: ['landbouw-en-voedsel'] },
  { name: 'Tauw', type: 'adviesbureau', province: 'overijssel', members: 2, focus: ['bodemverontreiniging-en-spoedlocaties', 'nazorg'] },
  { name: 'Witteveen+Bos', type: 'adviesbureau', province: 'overijssel', members: 2, focus: ['klimaatadaptatie', 'omgevingsvisie-en-omgevingswet'] },
  { name: 'Antea Group', type: 'adviesbureau', province: 'friesland', members: 1, focus: ['bodemverontreiniging-en-spoedlocaties', 'financiering-bodembeheer'] },
  { name: 'Arcadis Nederland', type: 'adviesbureau', province: 'utrecht', members: 2, focus: ['ondergronds-ruimtegebruik', 'bodemenergie-en-warmte'] },
  { name: 'Energie Beheer Nederland', type: 'bedrijf', province: 'utrecht', members: 1, focus: ['mijnbouw', 'bodemenergie-en-warmte'] },
  { name: 'Nederlandse Aardolie Maatschappij', type: 'bedrijf', province: 'drenthe', members: 1, focus: ['mijnbouw', 'nazorg'] },
  { name: 'Heijmans Infra', type: 'bedrijf', province: 'noord-brabant', members: 1, focus: ['bodemverontreiniging-en-spoedlocaties', 'ondergronds-ruimtegebruik'] },
]

/** The positions that exist in each kind of organisation (a consultancy has no elected officials). */
export const POSITIONS_BY_TYPE: Record<string, string[]> = {
  rijk: ['manager', 'beleidsmedewerker', 'specialist-adviseur', 'projectleider'],
  provincie: ['bestuurder', 'manager', 'beleidsmedewerker', 'specialist-adviseur', 'projectleider', 'vth'],
  gemeente: ['bestuurder', 'manager', 'beleidsmedewerker', 'beleidsmedewerker', 'specialist-adviseur', 'projectleider', 'vth'],
  waterschap: ['bestuurder', 'manager', 'beleidsmedewerker', 'specialist-adviseur', 'projectleider', 'vth'],
  omgevingsdienst: ['manager', 'specialist-adviseur', 'projectleider', 'vth', 'vth'],
  drinkwaterbedrijf: ['manager', 'beleidsmedewerker', 'specialist-adviseur', 'projectleider'],
  adviesbureau: ['manager', 'specialist-adviseur', 'specialist-adviseur', 'projectleider'],
  bedrijf: ['manager', 'specialist-adviseur', 'projectleider'],
  kennisinstelling: ['manager', 'specialist-adviseur', 'specialist-adviseur', 'projectleider'],
}

/** Weights of the five phases, in order: most of the peloton is still at the start. */
export const PHASE_WEIGHTS = [22, 28, 25, 17, 8]

export const FIRST_NAMES = [
  'Anouk', 'Bas', 'Charlotte', 'Daan', 'Eline', 'Floris', 'Gerda', 'Hidde', 'Ilse', 'Jeroen',
  'Karin', 'Lars', 'Marloes', 'Niels', 'Olga', 'Pieter', 'Quirine', 'Ruben', 'Sanne', 'Thijs',
  'Ursula', 'Vincent', 'Wendy', 'Yvonne', 'Arjen', 'Bram', 'Carlijn', 'Dirk', 'Esther', 'Fenna',
  'Gijs', 'Hanneke', 'Ingrid', 'Joost', 'Kees', 'Lotte', 'Maarten', 'Nienke', 'Oscar', 'Petra',
  'Rianne', 'Sjoerd', 'Tamara', 'Willem', 'Annemiek', 'Bart', 'Corine', 'Erik', 'Femke', 'Gert-Jan',
  'Hester', 'Iris', 'Jasper', 'Koen', 'Linda', 'Mark', 'Nadia', 'Otto', 'Roos', 'Stijn',
  'Tessa', 'Vera', 'Wouter', 'Yusuf', 'Zoë', 'Mehmet', 'Fatima', 'Sem', 'Jolien', 'Mirjam',
  'Annelies', 'Rob', 'Marieke', 'Hans', 'Lieke',
]

export const LAST_NAMES = [
  'de Vries', 'Jansen', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot',
  'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits',
  'de Graaf', 'van der Meer', 'van der Linden', 'Kok', 'Jacobs', 'de Haan', 'Vermeulen', 'van den Heuvel', 'van der Veen', 'van den Broek',
  'de Bruijn', 'de Jong', 'Schouten', 'van Beek', 'Willems', 'van Dijk', 'Hoekstra', 'Maas', 'Verhoeven', 'Koster',
  'van Dam', 'Prins', 'Blom', 'Huisman', 'Peeters', 'Kuipers', 'van Wijk', 'Postma', 'Kramer', 'Timmermans',
  'Wouters', 'Boersma', 'Veenstra', 'Hofman', 'Koning', 'Bosman', 'Evers', 'Lammers', 'Scholten', 'Groen',
  'van Vliet', 'Wolters', 'Kaya', 'El Amrani', 'Yilmaz', 'Bouwman', 'Sanders', 'Zwart', 'Gerritsen', 'Molenaar',
  'Bruins', 'van Loon', 'Claassen', 'Verbeek', 'Dijkman',
]

/** First sentence of a bio, by position; `{org}` is the organisation's name. */
export const BIO_OPENERS: Record<string, string[]> = {
  bestuurder: [
    'Bestuurder bij {org}, met bodem en ondergrond in de portefeuille.',
    'Heeft als bestuurder van {org} water, bodem en ruimte onder zich.',
  ],
  manager: [
    'Leidt het team bodem en ondergrond bij {org}.',
    'Manager bij {org}, verantwoordelijk voor de afdeling fysieke leefomgeving.',
  ],
  beleidsmedewerker: [
    'Beleidsmedewerker bodem bij {org}.',
    'Schrijft bij {org} mee aan het beleid voor bodem en ondergrond onder de Omgevingswet.',
  ],
  'specialist-adviseur': [
    'Adviseur bodem en ondergrond bij {org}.',
    'Specialist ondergrond bij {org}, vaak de vraagbaak voor collega’s.',
  ],
  projectleider: [
    'Projectleider bij {org}.',
    'Trekt bij {org} projecten waarin bodem en ondergrond vanaf het begin meedoen.',
  ],
  vth: [
    'Toezichthouder bodem bij {org}.',
    'Vergunningverlener bij {org}, met veel bodemdossiers op het bureau.',
  ],
}

/** Second sentence of a bio, by the member's first theme. */
export const BIO_THEME_SENTENCES: Record<string, string[]> = {
  'bodemenergie-en-warmte': [
    'Werkt aan een masterplan bodemenergie zodat open en gesloten systemen elkaar niet hinderen.',
    'Zoekt uit hoe bodemenergie past in de warmtetransitie van de wijken.',
  ],
  klimaatadaptatie: [
    'Wil bodem en water sturend maken bij het klimaatbestendig inrichten van de ruimte.',
    'Houdt zich bezig met droogte, wateroverlast en wat de bodem daarin kan betekenen.',
  ],
  'landbouw-en-voedsel': [
    'Werkt met boeren aan gezonde landbouwbodems en schoon grondwater.',
    'Zoekt naar duurzaam bodembeheer in de landbouw en het gebiedsproces daaromheen.',
  ],
  drinkwater: [
    'Zet zich in voor de bescherming van drinkwaterbronnen en hun intrekgebieden.',
    'Werkt aan voldoende en schoon drinkwater, nu en over dertig jaar.',
  ],
  grondwater: [
    'Werkt aan grondwaterbeheer en de verdeling van schaars zoet grondwater.',
    'Brengt de grondwaterkwaliteit in beeld en vertaalt die naar beleid.',
  ],
  'bodemverontreiniging-en-spoedlocaties': [
    'Begeleidt de sanering en beheersing van spoedlocaties.',
    'Werkt aan de overgang van de Wet bodembescherming naar de Omgevingswet voor verontreinigde locaties.',
  ],
  nazorg: [
    'Regelt de nazorg van gesloten stortplaatsen en gesaneerde locaties.',
    'Zorgt dat de nazorg van oude verontreinigingen na de overgang naar de Omgevingswet goed geborgd blijft.',
  ],
  'ondergronds-ruimtegebruik': [
    'Brengt kabels, leidingen en warmtenetten in kaart om de ondergrond eerlijk te verdelen.',
    'Pleit voor een ondergrondse ruimtelijke ordening die net zo serieus is als die boven de grond.',
  ],
  mijnbouw: [
    'Volgt de gevolgen van mijnbouw voor bodem, ondergrond en de regio.',
    'Werkt aan de afbouw van gaswinning en het hergebruik van de diepe ondergrond.',
  ],
  'omgevingsvisie-en-omgevingswet': [
    'Werkt aan de plek van bodem en ondergrond in de omgevingsvisie en het omgevingsplan.',
    'Helpt collega’s de bruidsschat bodem om te zetten in eigen regels in het omgevingsplan.',
  ],
  'financiering-bodembeheer': [
    'Zoekt naar duurzame financiering van de bodemtaken nu de specifieke uitkering afloopt.',
    'Rekent uit wat goed bodembeheer kost en wie dat betaalt.',
  ],
}
