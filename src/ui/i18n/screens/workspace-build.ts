/** The panel screens show while an import or the demo builds the workspace. */
const da = {
  'build.title': 'Analysen bygges',
  'build.wait': 'Skærmen vises, så snart data er indlæst og analyseret.',
  'build.reading': 'Læser {name}…',
  'build.loading': 'Indlæser {name}…',
};

const en: Record<keyof typeof da, string> = {
  'build.title': 'Building the analysis',
  'build.wait': 'The screen appears as soon as the data is loaded and analysed.',
  'build.reading': 'Reading {name}…',
  'build.loading': 'Loading {name}…',
};

export default { da, en };
