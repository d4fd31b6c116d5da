import type { Random } from './random'

// Vocabulary for the generated book of business. Mixed languages and
// accents on purpose: search and the "ignoring case" keys must cope with them.

export const FIRST_NAMES = [
  'Anna', 'Ben', 'Carla', 'David', 'Elena', 'Felix', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Karin', 'Lukas',
  'Maria', 'Nils', 'Olga', 'Paul', 'Quentin', 'Rosa', 'Stefan', 'Tanja', 'Ulrich', 'Vera', 'Walter', 'Xenia',
  'Yusuf', 'Zoe', 'Amélie', 'Björn', 'Chloé', 'Dörte', 'Émile', 'François', 'Gökhan', 'Håkon', 'Iñaki', 'Jürgen',
  'Kateřina', 'Łukasz', 'Márta', 'Noémie', 'Øystein', 'Pilar', 'Raúl', 'Sören', 'Tomás', 'Ümit', 'Zoë', 'James',
  'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'Richard', 'Susan',
  'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel', 'Nancy', 'Matthew', 'Lisa', 'Anthony',
  'Betty', 'Mark', 'Sandra', 'Steven', 'Ashley', 'Andrew', 'Emily', 'Joshua', 'Donna', 'Kevin', 'Michelle', 'Brian',
  'Carol', 'George', 'Amanda', 'Edward', 'Melissa', 'Ronald', 'Deborah', 'Timothy', 'Laura', 'Jason', 'Rebecca',
  'Priya', 'Arjun', 'Wei', 'Mei', 'Hiroshi', 'Yuki', 'Min-jun', 'Seo-yeon', 'Oluwaseun', 'Amara', 'Kwame', 'Fatima',
  'Omar', 'Leila', 'Mateo', 'Valentina', 'Santiago', 'Camila', 'Lars', 'Ingrid', 'Sven', 'Astrid', 'Giulia', 'Marco',
]

export const LAST_NAMES = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger',
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Jiménez',
  'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco',
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor',
  'Moore', 'Jackson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen',
  'King', 'Wright', 'Scott', 'Hill', 'Green', 'Adams', 'Baker', 'Nelson', 'Carter', 'Mitchell',
  'Nowak', 'Kowalski', 'Wiśniewski', 'Dvořák', 'Novák', 'Svoboda', 'Horváth', 'Nagy', 'Kovács', 'Szabó',
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsen', 'Hansen', 'Jensen', 'Nielsen', 'Virtanen',
  'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Tanaka', 'Suzuki', 'Takahashi', 'Watanabe', 'Kim',
  'Lee', 'Park', 'Chen', 'Wang', 'Li', 'Zhang', 'Liu', 'Singh', 'Kumar', 'Patel',
  'Okafor', 'Mensah', 'Diallo', 'Haddad', 'Nasser', 'Silva', 'Santos', 'Oliveira', 'Costa', 'Pereira',
  "O'Brien", 'MacLeod', 'van der Berg', 'de Jong', 'Janssen', 'Peeters', 'Dupont', 'Lambert', 'Fontaine', 'Girard',
]

export const COMPANY_WORDS = [
  'Alpen', 'Atlas', 'Aurora', 'Baltic', 'Beacon', 'Blue', 'Boreal', 'Bright', 'Cedar', 'Citadel', 'Coastal',
  'Crown', 'Delta', 'Eagle', 'Elbe', 'Ember', 'Evergreen', 'Falcon', 'Fjord', 'Frontier', 'Galaxy', 'Granite',
  'Harbor', 'Helix', 'Horizon', 'Iron', 'Juniper', 'Keystone', 'Lakeside', 'Lumen', 'Maple', 'Meridian',
  'Nordic', 'Northwind', 'Oak', 'Orbit', 'Pacific', 'Pinnacle', 'Polar', 'Prairie', 'Quantum', 'Rhein',
  'Ridge', 'River', 'Summit', 'Sierra', 'Silver', 'Solar', 'Spruce', 'Sterling', 'Stone', 'Sun', 'Tidal',
  'Titan', 'Union', 'Vertex', 'Vista', 'West', 'Willow', 'Zenith', 'Acme', 'Bergmann', 'Château', 'Égide',
  'Förde', 'Größer', 'Hansa', 'Isar', 'Jura', 'Kristall', 'Löwen', 'Mosel', 'Nova', 'Orion', 'Phoenix',
]

export const COMPANY_TRADES = [
  'Logistics', 'Foods', 'Systems', 'Software', 'Analytics', 'Builders', 'Consulting', 'Energy', 'Health',
  'Insurance', 'Labs', 'Media', 'Motors', 'Partners', 'Pharma', 'Robotics', 'Solutions', 'Textiles', 'Travel',
  'Ventures', 'Bank', 'Brewing', 'Chemicals', 'Dental', 'Electric', 'Freight', 'Furniture', 'Hotels', 'Legal',
  'Marine', 'Metals', 'Optics', 'Packaging', 'Print', 'Realty', 'Security', 'Telecom', 'Tools', 'Water', 'Wind',
]

export const COMPANY_SUFFIXES = ['GmbH', 'AG', 'Ltd', 'Inc', 'LLC', 'SA', 'SARL', 'S.p.A.', 'BV', 'AB', 'Oy', 'plc', 'KG', 'Corp', 'Co.']

export interface City {
  name: string
  state: string
  country: string
  postcode: string
  phone: string
}

export const CITIES: readonly City[] = [
  { name: 'Berlin', state: 'Berlin', country: 'DE', postcode: '10', phone: '+49 30' },
  { name: 'Hamburg', state: 'Hamburg', country: 'DE', postcode: '20', phone: '+49 40' },
  { name: 'München', state: 'Bayern', country: 'DE', postcode: '80', phone: '+49 89' },
  { name: 'Köln', state: 'Nordrhein-Westfalen', country: 'DE', postcode: '50', phone: '+49 221' },
  { name: 'Frankfurt am Main', state: 'Hessen', country: 'DE', postcode: '60', phone: '+49 69' },
  { name: 'Stuttgart', state: 'Baden-Württemberg', country: 'DE', postcode: '70', phone: '+49 711' },
  { name: 'Düsseldorf', state: 'Nordrhein-Westfalen', country: 'DE', postcode: '40', phone: '+49 211' },
  { name: 'Leipzig', state: 'Sachsen', country: 'DE', postcode: '04', phone: '+49 341' },
  { name: 'Wien', state: 'Wien', country: 'AT', postcode: '10', phone: '+43 1' },
  { name: 'Zürich', state: 'Zürich', country: 'CH', postcode: '80', phone: '+41 44' },
  { name: 'Genève', state: 'Genève', country: 'CH', postcode: '12', phone: '+41 22' },
  { name: 'Paris', state: 'Île-de-France', country: 'FR', postcode: '75', phone: '+33 1' },
  { name: 'Lyon', state: 'Auvergne-Rhône-Alpes', country: 'FR', postcode: '69', phone: '+33 4' },
  { name: 'Marseille', state: "Provence-Alpes-Côte d'Azur", country: 'FR', postcode: '13', phone: '+33 4' },
  { name: 'Madrid', state: 'Madrid', country: 'ES', postcode: '28', phone: '+34 91' },
  { name: 'Barcelona', state: 'Cataluña', country: 'ES', postcode: '08', phone: '+34 93' },
  { name: 'Lisboa', state: 'Lisboa', country: 'PT', postcode: '11', phone: '+351 21' },
  { name: 'Milano', state: 'Lombardia', country: 'IT', postcode: '20', phone: '+39 02' },
  { name: 'Roma', state: 'Lazio', country: 'IT', postcode: '00', phone: '+39 06' },
  { name: 'Amsterdam', state: 'Noord-Holland', country: 'NL', postcode: '10', phone: '+31 20' },
  { name: 'Rotterdam', state: 'Zuid-Holland', country: 'NL', postcode: '30', phone: '+31 10' },
  { name: 'Bruxelles', state: 'Bruxelles', country: 'BE', postcode: '10', phone: '+32 2' },
  { name: 'København', state: 'Hovedstaden', country: 'DK', postcode: '12', phone: '+45 33' },
  { name: 'Stockholm', state: 'Stockholm', country: 'SE', postcode: '11', phone: '+46 8' },
  { name: 'Göteborg', state: 'Västra Götaland', country: 'SE', postcode: '41', phone: '+46 31' },
  { name: 'Oslo', state: 'Oslo', country: 'NO', postcode: '01', phone: '+47 22' },
  { name: 'Helsinki', state: 'Uusimaa', country: 'FI', postcode: '00', phone: '+358 9' },
  { name: 'Warszawa', state: 'Mazowieckie', country: 'PL', postcode: '00', phone: '+48 22' },
  { name: 'Kraków', state: 'Małopolskie', country: 'PL', postcode: '30', phone: '+48 12' },
  { name: 'Praha', state: 'Praha', country: 'CZ', postcode: '11', phone: '+420 2' },
  { name: 'Budapest', state: 'Budapest', country: 'HU', postcode: '10', phone: '+36 1' },
  { name: 'İstanbul', state: 'İstanbul', country: 'TR', postcode: '34', phone: '+90 212' },
  { name: 'London', state: 'England', country: 'GB', postcode: 'EC', phone: '+44 20' },
  { name: 'Manchester', state: 'England', country: 'GB', postcode: 'M', phone: '+44 161' },
  { name: 'Edinburgh', state: 'Scotland', country: 'GB', postcode: 'EH', phone: '+44 131' },
  { name: 'Dublin', state: 'Leinster', country: 'IE', postcode: 'D0', phone: '+353 1' },
  { name: 'New York', state: 'NY', country: 'US', postcode: '100', phone: '+1 212' },
  { name: 'Boston', state: 'MA', country: 'US', postcode: '021', phone: '+1 617' },
  { name: 'Chicago', state: 'IL', country: 'US', postcode: '606', phone: '+1 312' },
  { name: 'Austin', state: 'TX', country: 'US', postcode: '787', phone: '+1 512' },
  { name: 'Denver', state: 'CO', country: 'US', postcode: '802', phone: '+1 303' },
  { name: 'Seattle', state: 'WA', country: 'US', postcode: '981', phone: '+1 206' },
  { name: 'San Francisco', state: 'CA', country: 'US', postcode: '941', phone: '+1 415' },
  { name: 'Los Angeles', state: 'CA', country: 'US', postcode: '900', phone: '+1 213' },
  { name: 'Atlanta', state: 'GA', country: 'US', postcode: '303', phone: '+1 404' },
  { name: 'Toronto', state: 'ON', country: 'CA', postcode: 'M5', phone: '+1 416' },
  { name: 'Montréal', state: 'QC', country: 'CA', postcode: 'H2', phone: '+1 514' },
  { name: 'Vancouver', state: 'BC', country: 'CA', postcode: 'V6', phone: '+1 604' },
  { name: 'México', state: 'CDMX', country: 'MX', postcode: '06', phone: '+52 55' },
  { name: 'São Paulo', state: 'SP', country: 'BR', postcode: '01', phone: '+55 11' },
  { name: 'Buenos Aires', state: 'CABA', country: 'AR', postcode: 'C1', phone: '+54 11' },
  { name: 'Tokyo', state: 'Tokyo', country: 'JP', postcode: '100', phone: '+81 3' },
  { name: 'Osaka', state: 'Osaka', country: 'JP', postcode: '530', phone: '+81 6' },
  { name: 'Seoul', state: 'Seoul', country: 'KR', postcode: '04', phone: '+82 2' },
  { name: 'Singapore', state: 'Singapore', country: 'SG', postcode: '01', phone: '+65 6' },
  { name: 'Sydney', state: 'NSW', country: 'AU', postcode: '20', phone: '+61 2' },
  { name: 'Melbourne', state: 'VIC', country: 'AU', postcode: '30', phone: '+61 3' },
  { name: 'Auckland', state: 'Auckland', country: 'NZ', postcode: '10', phone: '+64 9' },
  { name: 'Cape Town', state: 'Western Cape', country: 'ZA', postcode: '80', phone: '+27 21' },
  { name: 'Lagos', state: 'Lagos', country: 'NG', postcode: '10', phone: '+234 1' },
  { name: 'Nairobi', state: 'Nairobi', country: 'KE', postcode: '00', phone: '+254 20' },
  { name: 'Dubai', state: 'Dubai', country: 'AE', postcode: '00', phone: '+971 4' },
  { name: 'Mumbai', state: 'Maharashtra', country: 'IN', postcode: '400', phone: '+91 22' },
  { name: 'Bengaluru', state: 'Karnataka', country: 'IN', postcode: '560', phone: '+91 80' },
]

export const STREETS = [
  'Hauptstraße', 'Bahnhofstraße', 'Gartenweg', 'Lindenallee', 'Schillerstraße', 'Rue de la Paix', 'Avenue Foch',
  'Calle Mayor', 'Via Roma', 'Kerkstraat', 'Storgatan', 'High Street', 'Market Street', 'Main Street', 'Oak Avenue',
  'Park Road', 'Station Road', 'Church Lane', 'King Street', 'Harbour Way', 'Industriepark', 'Am Hafen',
]

export const TITLES = [
  'CEO', 'CFO', 'CTO', 'Head of Purchasing', 'Procurement Manager', 'IT Manager', 'Office Manager',
  'Operations Director', 'Sales Director', 'Account Manager', 'Project Lead', 'Buyer', 'Facility Manager',
  'Marketing Manager', 'Engineer', 'Controller', 'Managing Director', 'Assistant', 'Quality Manager',
]

export const DEPARTMENTS = ['Purchasing', 'IT', 'Finance', 'Operations', 'Sales', 'Marketing', 'Management', 'Logistics', 'Legal', 'Facilities']

export const PRODUCTS = [
  'scanner', 'label printer', 'handheld', 'docking station', 'barcode reader', 'router', 'firewall', 'server',
  'laptop', 'tablet', 'headset', 'license', 'mobile app', 'web portal', 'API', 'invoice module', 'CRM export',
  'warehouse sensor', 'thermostat', 'pump', 'valve', 'conveyor', 'forklift', 'camera', 'badge reader',
]

export const CASE_SUBJECTS = [
  'does not start', 'keeps rebooting', 'shows error E', 'login fails', 'sync is slow', 'wrong invoice amount',
  'missing delivery', 'damaged on arrival', 'needs replacement', 'firmware update failed', 'licence expired',
  'cannot print', 'battery drains fast', 'connection drops', 'password reset', 'report is empty',
  'export is truncated', 'duplicate charge', 'refund request', 'warranty claim', 'installation request',
  'training request', 'price question', 'upgrade question', 'data import failed', 'overheating', 'noise complaint',
]

export const CASE_DESCRIPTIONS = [
  'The customer reports that the {product} {subject} since last week.',
  'After the update on site, the {product} {subject}. Logs attached to the ticket.',
  '{first} called: the {product} {subject}; they need it fixed before the audit.',
  'Second report from {city}: the {product} {subject}. Possibly related to order {order}.',
  'Escalated by {first} {last}. The {product} {subject} on three devices.',
  'Customer asks whether the {product} is covered; it {subject}.',
]

export const COMMENT_TEMPLATES = [
  'Called {first}, no answer. Will try again tomorrow.',
  'Spoke with {first} {last} about the {product}; they want a quote by Friday.',
  'Sent the replacement {product} with order {order}.',
  'Customer confirmed the {product} works again. Closing soon.',
  'Waiting for the logs from {first}.',
  'Escalated to second level support: the {product} still {subject}.',
  'Visited the site in {city}. The {product} {subject}; spare parts ordered.',
  'Invoice {order} corrected and re-sent to accounting.',
  'Meeting with {first} next week to discuss the renewal.',
  '{first} asked for a discount on {qty} units of the {product}.',
  'Remote session done; firmware of the {product} updated.',
  'Left a voicemail for {first} {last}.',
  'Shipment {order} delayed at customs, told {first}.',
  'Quote {order} accepted, {qty} units of the {product}.',
  'Training for the {product} scheduled in {city}.',
]

export const TAG_NAMES = [
  'VIP', 'Key account', 'Prospect', 'Partner', 'Reseller', 'Churn risk', 'Renewal due', 'Upsell', 'Trade fair',
  'Newsletter', 'Public sector', 'Enterprise', 'SMB', 'Startup', 'Referral', 'Do not contact', 'Priority support',
  'Pilot', 'Beta', 'Legacy', 'EMEA', 'Americas', 'APAC', 'DACH', 'Nordics', 'Benelux', 'Iberia', 'UK & Ireland',
  'Hardware', 'Software', 'Services', 'Maintenance', 'Onboarding', 'Escalation', 'Warranty', 'Billing',
  'Feedback', 'Complaint', 'Lead', 'Follow-up',
]

export const USER_NAMES = [
  'Sabine Vogel', 'Marc Lefèvre', 'Julia Hartmann', 'Tobias Krause', 'Emma Lindqvist', 'Oscar Ruiz',
  'Nadia Benali', 'Peter Kowalczyk', 'Chiara Conti', 'Henrik Dahl', 'Aylin Öztürk', 'Samuel Osei',
  'Lena Brandt', 'Victor Almeida', 'Sophie Laurent', 'Daniel Weiß', 'Hannah Berg', 'Mats Holm',
  'Clara Engel', 'Jan Kaiser', 'Eva Horak', 'Rafael Duarte', 'Mia Sommer', 'Noah Pfeiffer',
]

export const TEAM_NAMES = ['Field Sales North', 'Field Sales South', 'Key Accounts', 'Support Level 2', 'Service Technicians', 'Inside Sales']

export const FILE_NAMES = [
  ['photo', 'jpg', 'image/jpeg'], ['scan', 'pdf', 'application/pdf'], ['quote', 'pdf', 'application/pdf'],
  ['invoice', 'pdf', 'application/pdf'], ['contract', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['price list', 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], ['log', 'txt', 'text/plain'],
  ['screenshot', 'png', 'image/png'], ['site plan', 'pdf', 'application/pdf'], ['serial numbers', 'csv', 'text/csv'],
] as const

export const EMAIL_DOMAINS = ['mail.com', 'example.org', 'post.de', 'web.fr', 'inbox.eu', 'corp.net']

/** Fills a template's {placeholders} with random words; {city} is the given place. */
export function fillTemplate(template: string, r: Random, city: string): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    switch (key) {
      case 'first': return r.pick(FIRST_NAMES)
      case 'last': return r.pick(LAST_NAMES)
      case 'product': return r.pick(PRODUCTS)
      case 'subject': return r.pick(CASE_SUBJECTS)
      case 'order': return `${r.pick(['SO', 'PO', 'INV', 'RMA'])}-${r.int(10000, 999999)}`
      case 'qty': return String(r.int(2, 500))
      case 'city': return city
      default: return key
    }
  })
}
