// A Node program that starts a background integrity check and then has
// nothing else to do (src/main/backup/background-check.test.ts): it must end
// at once, not wait for the check. argv: <check script> <database>.
import { checkInBackground } from '../../src/main/backup/background-check'

const [script, dbPath] = process.argv.slice(-2)
const check = checkInBackground(dbPath!, { script })
console.log(JSON.stringify({ pid: check.pid }))
void check.result.then((result) => console.log(JSON.stringify({ result })))
