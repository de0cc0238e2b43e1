/** Imported before the app: 能力达标 with a pass mark of 75 and a dimension floor of 45 (defaults 60 and 50). */
process.env.CAPABILITY_PASS_MARK = '75';
process.env.CAPABILITY_DIMENSION_FLOOR = '45';
export {};
