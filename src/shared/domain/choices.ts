// Choice lists exactly as the newest Django-CRM stores them, so a synced
// record maps field for field (see ../shared/django-crm-api.md, sections 5-7).

export const CASE_STATUSES = ['New', 'Assigned', 'Pending', 'Closed', 'Rejected', 'Duplicate'] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** New, Assigned and Pending are "open"; the rest are terminal. */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['New', 'Assigned', 'Pending']

export const CASE_PRIORITIES = ['Low', 'Normal', 'High', 'Urgent'] as const
export type CasePriority = (typeof CASE_PRIORITIES)[number]

export const CASE_TYPES = ['Question', 'Incident', 'Problem'] as const
export type CaseType = (typeof CASE_TYPES)[number]

export const INDUSTRIES = [
  'ADVERTISING', 'AGRICULTURE', 'APPAREL & ACCESSORIES', 'AUTOMOTIVE', 'BANKING', 'BIOTECHNOLOGY',
  'BUILDING MATERIALS & EQUIPMENT', 'CHEMICAL', 'COMPUTER', 'EDUCATION', 'ELECTRONICS', 'ENERGY',
  'ENTERTAINMENT & LEISURE', 'FINANCE', 'FOOD & BEVERAGE', 'GROCERY', 'HEALTHCARE', 'INSURANCE',
  'LEGAL', 'MANUFACTURING', 'PUBLISHING', 'REAL ESTATE', 'SERVICE', 'SOFTWARE', 'SPORTS',
  'TECHNOLOGY', 'TELECOMMUNICATIONS', 'TELEVISION', 'TRANSPORTATION', 'VENTURE CAPITAL',
] as const
export type Industry = (typeof INDUSTRIES)[number]

export const TAG_COLORS = [
  'gray', 'red', 'orange', 'amber', 'yellow', 'lime', 'green', 'emerald', 'teal', 'cyan', 'sky',
  'blue', 'indigo', 'violet', 'purple', 'fuchsia', 'pink', 'rose',
] as const
export type TagColor = (typeof TAG_COLORS)[number]

/** The record types that carry comments and attachments. */
export const PARENT_TYPES = ['account', 'contact', 'case'] as const
export type ParentType = (typeof PARENT_TYPES)[number]

/** Limits the server enforces; enforcing them locally keeps a sync from failing later. */
export const LIMITS = {
  accountName: 255,
  caseName: 64,
  personName: 255,
  comment: 255,
  shortText: 255,
  postcode: 64,
  description: 20_000,
  tagName: 50,
  teamName: 100,
  pageSize: 500,
  searchText: 200,
} as const
