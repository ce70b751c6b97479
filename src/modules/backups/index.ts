// What other modules and tests may use of the backups module.
export { copyInstance, type CopyReport, type InstanceSource, withDatabaseSource } from './copy.ts';
export { openBackup, writeBackup } from './backup-file.ts';
export { summarizeTables } from './tables.ts';
