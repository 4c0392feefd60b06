const da = {} as const;
const en: Record<keyof typeof da, string> = {};
export default { da, en };
