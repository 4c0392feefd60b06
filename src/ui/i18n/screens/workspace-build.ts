/** The panel screens show while an import or the demo builds the workspace. */
const da = {
  'build.title': 'Analysen bygges',
  'build.wait': 'Skærmen vises, så snart data er indlæst og analyseret.',
  'build.reading': 'Læser {name}…',
  'build.loading': 'Indlæser {name}…',
  'build.rowsRead': '{rows} rækker læst',
  'build.rowsLoaded': '{rows} rækker indlæst',
  'build.timeLeft': 'ca. {time} tilbage',
  'build.seconds': '{n} s',
  'build.minutes': '{n} min',
  'build.cancel': 'Annullér',
  'build.cancelling': 'Annullerer…',
  'build.cancelled': 'Indlæsningen er annulleret. Den tidligere analyse er uændret.',
};

const en: Record<keyof typeof da, string> = {
  'build.title': 'Building the analysis',
  'build.wait': 'The screen appears as soon as the data is loaded and analysed.',
  'build.reading': 'Reading {name}…',
  'build.loading': 'Loading {name}…',
  'build.rowsRead': '{rows} rows read',
  'build.rowsLoaded': '{rows} rows loaded',
  'build.timeLeft': 'about {time} left',
  'build.seconds': '{n} s',
  'build.minutes': '{n} min',
  'build.cancel': 'Cancel',
  'build.cancelling': 'Cancelling…',
  'build.cancelled': 'The import was cancelled. The previous analysis is unchanged.',
};

export default { da, en };
