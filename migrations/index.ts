import type { Migration } from 'kysely'
import * as m0001 from './0001_initial'
import * as m0002 from './0002_sync'
import * as m0003 from './0003_performance'
import * as m0004 from './0004_city_key'
import * as m0005 from './0005_comment_search'
import * as m0006 from './0006_link_totals'
import * as m0007 from './0007_closed_key_indexes'
import * as m0008 from './0008_wide_sort_indexes'
import * as m0009 from './0009_drop_unused_indexes'
import * as m0010 from './0010_substring_grams'
import * as m0011 from './0011_sync_set_aside'
import * as m0012 from './0012_case_history'
import * as m0013 from './0013_contact_search_grams'
import * as m0015 from './0015_recent_and_open_indexes'
import * as m0014 from './0014_account_emails'
import * as m0016 from './0016_import_mappings'
import * as m0017 from './0017_contact_search_index'
import * as m0018 from './0018_deferred_index_upkeep'
import * as m0019 from './0019_contact_contains_from_search_index'

// Every migration, by name, in order. Imported by name (not globbed) so the
// same list works in the bundled app, under vitest and under Playwright; a
// test checks that every file in this folder is listed here.
export const migrations: Readonly<Record<string, Migration>> = Object.freeze({
  '0001_initial': m0001,
  '0002_sync': m0002,
  '0003_performance': m0003,
  '0004_city_key': m0004,
  '0005_comment_search': m0005,
  '0006_link_totals': m0006,
  '0007_closed_key_indexes': m0007,
  '0008_wide_sort_indexes': m0008,
  '0009_drop_unused_indexes': m0009,
  '0010_substring_grams': m0010,
  '0011_sync_set_aside': m0011,
  '0012_case_history': m0012,
  '0013_contact_search_grams': m0013,
  '0014_account_emails': m0014,
  '0015_recent_and_open_indexes': m0015,
  '0016_import_mappings': m0016,
  '0017_contact_search_index': m0017,
  '0018_deferred_index_upkeep': m0018,
  '0019_contact_contains_from_search_index': m0019,
})
