/** Imported before the app: 学时达标率 with a yearly requirement of 2.5 学时 (the indicator fixture's officers earn 2 and 3). */
process.env.TRAINING_HOURS_REQUIRED = '2.5';
export {};
