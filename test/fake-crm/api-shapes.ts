// The keys the real server's answers carry, copied from ../shared/django-crm-api.md
// (sections 4-7, each marked [run] there: seen on a live server). The fake must
// give at least these keys, so code written against the fake finds them on
// the real server too.

export const ACCOUNT_OBJECT = ['id', 'name', 'email', 'phone', 'website', 'industry', 'number_of_employees', 'annual_revenue', 'currency', 'address_line', 'city', 'state', 'postcode', 'country', 'country_display', 'assigned_to', 'teams', 'contacts', 'tags', 'description', 'account_attachment', 'cases', 'tasks', 'opportunities', 'rollups', 'created_by', 'created_at', 'is_active', 'org', 'custom_fields']
export const CONTACT_OBJECT = ['id', 'first_name', 'last_name', 'email', 'phone', 'organization', 'title', 'department', 'do_not_call', 'linkedin_url', 'address_line', 'city', 'state', 'postcode', 'country', 'assigned_to', 'teams', 'tags', 'description', 'created_by', 'created_at', 'updated_at', 'is_active', 'org', 'account', 'account_detail', 'linked_accounts', 'contact_attachment', 'custom_fields']
export const CASE_OBJECT = ['id', 'name', 'status', 'priority', 'case_type', 'closed_on', 'description', 'created_by', 'created_at', 'is_active', 'account', 'contacts', 'teams', 'assigned_to', 'tags', 'org', 'custom_fields', 'escalation_count', 'last_escalation_fired_at', 'sla_first_response_hours', 'sla_resolution_hours', 'first_response_at', 'resolved_at', 'sla_paused_at', 'first_response_sla_deadline', 'resolution_sla_deadline', 'is_sla_first_response_breached', 'is_sla_resolution_breached', 'parent', 'is_problem', 'parent_summary', 'child_count', 'time_summary']
export const TAG_OBJECT = ['id', 'name', 'slug', 'color', 'description', 'is_active', 'created_at', 'usage']

export const ACCOUNT_LIST = ['per_page', 'page_number', 'active_accounts', 'closed_accounts', 'contacts', 'teams', 'countries', 'industries', 'tags', 'users', 'leads', 'status']
export const CONTACT_LIST = ['active_count', 'inactive_count', 'per_page', 'page_number', 'count', 'results', 'contacts_count', 'offset', 'contact_obj_list', 'countries', 'users']
export const CASE_LIST = ['open_count', 'urgent_count', 'awaiting_first_reply', 'cases_count', 'offset', 'cases', 'status', 'priority', 'type_of_case', 'accounts_list', 'contacts_list', 'users']
export const TAG_LIST = ['tags_count', 'tags', 'totals']

export const ACCOUNT_DETAIL = ['account_obj', 'attachments', 'comments', 'contacts', 'opportunity_list', 'users', 'cases', 'teams', 'stages', 'sources', 'countries', 'currencies', 'case_types', 'case_priority', 'case_status', 'comment_permission', 'tasks', 'invoices', 'emails', 'users_mention', 'leads', 'status', 'custom_field_definitions']
export const CONTACT_DETAIL = ['contact_obj', 'address_obj', 'countries', 'comments', 'attachments', 'assigned_data', 'tasks', 'users_mention', 'opportunities', 'cases', 'colleagues', 'custom_field_definitions']
export const CASE_DETAIL = ['cases_obj', 'attachments', 'comments', 'internal_notes', 'contacts', 'solutions', 'activities', 'email_messages', 'merged_from_cases', 'custom_field_definitions', 'status', 'priority', 'type_of_case', 'comment_permission', 'users_mention']
