// The two reference activities as they were at their first meeting (../shared/data/seed-activities.md).
import type { OrganizationKind } from '../modules/organizations/schema.ts';
import type { MembershipRole } from '../platform/roles.ts';

export type DemoOrganization = { key: string; acronym: string; name: string; nameFr?: string; kind: OrganizationKind; parent?: string; website?: string; country?: string };

export const demoOrganizations: DemoOrganization[] = [
  { key: 'ITU-T', acronym: 'ITU-T', name: 'ITU Telecommunication Standardization Sector', nameFr: 'Secteur de la normalisation des télécommunications de l’UIT', kind: 'itu_sector', website: 'https://www.itu.int/en/ITU-T/' },
  { key: 'TSAG', acronym: 'TSAG', name: 'Telecommunication Standardization Advisory Group', nameFr: 'Groupe consultatif de la normalisation des télécommunications (GCNT)', kind: 'itu_group', parent: 'ITU-T' },
  { key: 'TSB', acronym: 'TSB', name: 'Telecommunication Standardization Bureau', nameFr: 'Bureau de la normalisation des télécommunications', kind: 'itu_group', parent: 'ITU-T' },
  { key: 'SG11', acronym: 'SG11', name: 'Protocols, testing specifications and combating counterfeiting', kind: 'study_group', parent: 'ITU-T' },
  { key: 'SG13', acronym: 'SG13', name: 'Future networks and emerging network technologies', kind: 'study_group', parent: 'ITU-T' },
  { key: 'Q16/13', acronym: 'Q16/13', name: 'Trustworthy and quantum enhanced networking and services', kind: 'question', parent: 'SG13' },
  { key: 'SG16', acronym: 'SG16', name: 'Multimedia and digital technologies', kind: 'study_group', parent: 'ITU-T' },
  { key: 'SG17', acronym: 'SG17', name: 'Security', kind: 'study_group', parent: 'ITU-T' },
  { key: 'Q15/17', acronym: 'Q15/17', name: 'Security for/by emerging technologies including quantum-based security', kind: 'question', parent: 'SG17' },
  { key: 'SG20', acronym: 'SG20', name: 'Internet of things, digital twins and smart sustainable cities and communities', kind: 'study_group', parent: 'ITU-T' },
  { key: 'SG21', acronym: 'SG21', name: 'Technologies for multimedia, content delivery and cable television', kind: 'study_group', parent: 'ITU-T' },
  { key: 'SG2', acronym: 'SG2', name: 'Operational aspects of service provision and telecommunication management', kind: 'study_group', parent: 'ITU-T' },
  { key: 'SG3', acronym: 'SG3', name: 'Economic and policy issues', kind: 'study_group', parent: 'ITU-T' },
  { key: 'SG5', acronym: 'SG5', name: 'Environment, EMF and circular economy', kind: 'study_group', parent: 'ITU-T' },
  { key: 'SG9', acronym: 'SG9', name: 'Broadband cable and TV', kind: 'study_group', parent: 'ITU-T' },
  { key: 'SG12', acronym: 'SG12', name: 'Performance, QoS and QoE', kind: 'study_group', parent: 'ITU-T' },
  { key: 'SG15', acronym: 'SG15', name: 'Networks, technologies and infrastructures for transport, access and home', kind: 'study_group', parent: 'ITU-T' },
  { key: 'FG-MV', acronym: 'FG-MV', name: 'Focus Group on metaverse', kind: 'focus_group', parent: 'ITU-T' },
  { key: 'ISO', acronym: 'ISO', name: 'International Organization for Standardization', kind: 'standards_body', website: 'https://www.iso.org' },
  { key: 'IEC', acronym: 'IEC', name: 'International Electrotechnical Commission', kind: 'standards_body', website: 'https://www.iec.ch' },
  { key: 'IEC TC 86', acronym: 'TC 86', name: 'Fibre optics', kind: 'technical_committee', parent: 'IEC' },
  { key: 'IEC TC 100', acronym: 'TC 100', name: 'Audio, video and multimedia systems and equipment', kind: 'technical_committee', parent: 'IEC' },
  { key: 'IEC TC 110', acronym: 'TC 110', name: 'Electronic displays', kind: 'technical_committee', parent: 'IEC' },
  { key: 'IEC TC 124', acronym: 'TC 124', name: 'Wearable electronic devices and technologies', kind: 'technical_committee', parent: 'IEC' },
  { key: 'ISO TC 211', acronym: 'TC 211', name: 'Geographic information/Geomatics', kind: 'technical_committee', parent: 'ISO' },
  { key: 'JTC 1', acronym: 'ISO/IEC JTC 1', name: 'Joint Technical Committee 1: Information technology', kind: 'technical_committee', website: 'https://jtc1info.org' },
  { key: 'JTC 1/SC 6', acronym: 'SC 6', name: 'Telecommunications and information exchange between systems', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 7', acronym: 'SC 7', name: 'Software and systems engineering', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 17', acronym: 'SC 17', name: 'Cards and security devices for personal identification', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 22', acronym: 'SC 22', name: 'Programming languages, their environments and system software interfaces', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 24', acronym: 'SC 24', name: 'Computer graphics, image processing and environmental data representation', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 25', acronym: 'SC 25', name: 'Interconnection of information technology equipment', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 27', acronym: 'SC 27', name: 'Information security, cybersecurity and privacy protection', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 29', acronym: 'SC 29', name: 'Coding of audio, picture, multimedia and hypermedia information', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 31', acronym: 'SC 31', name: 'Automatic identification and data capture techniques', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 32', acronym: 'SC 32', name: 'Data management and interchange', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 34', acronym: 'SC 34', name: 'Document description and processing languages', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 35', acronym: 'SC 35', name: 'User interfaces', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 36', acronym: 'SC 36', name: 'Information technology for learning, education and training', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 37', acronym: 'SC 37', name: 'Biometrics', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 38', acronym: 'SC 38', name: 'Cloud computing and distributed platforms', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 39', acronym: 'SC 39', name: 'Sustainability, IT and data centres', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 40', acronym: 'SC 40', name: 'IT service management and IT governance', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 41', acronym: 'SC 41', name: 'Internet of things and digital twin', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 42', acronym: 'SC 42', name: 'Artificial intelligence', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 43', acronym: 'SC 43', name: 'Brain-computer interfaces', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 1/SC 44', acronym: 'SC 44', name: 'Consumer protection in the field of privacy by design', kind: 'technical_committee', parent: 'JTC 1' },
  { key: 'JTC 3', acronym: 'ISO/IEC JTC 3', name: 'Joint Technical Committee 3: Quantum technologies', kind: 'technical_committee' },
  { key: 'ETSI', acronym: 'ETSI', name: 'European Telecommunications Standards Institute', kind: 'standards_body', website: 'https://www.etsi.org' },
  { key: 'ETSI ISG QKD', acronym: 'ISG QKD', name: 'Industry Specification Group on Quantum Key Distribution', kind: 'technical_committee', parent: 'ETSI' },
  { key: 'ETSI TC CYBER', acronym: 'TC CYBER', name: 'Technical Committee on Cyber Security (including the Quantum-Safe Cryptography working group)', kind: 'technical_committee', parent: 'ETSI' },
  { key: 'ETSI ISG ARF', acronym: 'ISG ARF', name: 'Industry Specification Group on Augmented Reality Framework', kind: 'technical_committee', parent: 'ETSI' },
  { key: 'ETSI ISG MEC', acronym: 'ISG MEC', name: 'Industry Specification Group on Multi-access Edge Computing', kind: 'technical_committee', parent: 'ETSI' },
  { key: 'ETSI ISG NFV', acronym: 'ISG NFV', name: 'Industry Specification Group on Network Functions Virtualisation', kind: 'technical_committee', parent: 'ETSI' },
  { key: 'ETSI ISG ZSM', acronym: 'ISG ZSM', name: 'Industry Specification Group on Zero-touch network and Service Management', kind: 'technical_committee', parent: 'ETSI' },
  { key: 'ETSI TC SmartM2M', acronym: 'TC SmartM2M', name: 'Technical Committee on Smart Machine-to-Machine communications', kind: 'technical_committee', parent: 'ETSI' },
  { key: 'IEEE', acronym: 'IEEE', name: 'IEEE Standards Association', kind: 'standards_body', website: 'https://standards.ieee.org' },
  { key: 'IETF', acronym: 'IETF', name: 'Internet Engineering Task Force', kind: 'standards_body', website: 'https://www.ietf.org' },
  { key: 'IEEE C/SAB', acronym: 'C/SAB', name: 'Computer Society Standards Activities Board', kind: 'technical_committee', parent: 'IEEE' },
  { key: 'IEEE COM/SDB', acronym: 'COM/SDB', name: 'Communications Society Standards Development Board', kind: 'technical_committee', parent: 'IEEE' },
  { key: 'IEEE QuantumCom', acronym: 'QuantumCom', name: 'Quantum Communications and Networking standards committee', kind: 'technical_committee', parent: 'IEEE' },
  { key: 'IETF ART', acronym: 'ART', name: 'Applications and Real-Time Area', kind: 'technical_committee', parent: 'IETF' },
  { key: 'IETF INT', acronym: 'INT', name: 'Internet Area', kind: 'technical_committee', parent: 'IETF' },
  { key: 'IETF OPS', acronym: 'OPS', name: 'Operations and Management Area', kind: 'technical_committee', parent: 'IETF' },
  { key: 'IETF RTG', acronym: 'RTG', name: 'Routing Area', kind: 'technical_committee', parent: 'IETF' },
  { key: 'IETF SEC', acronym: 'SEC', name: 'Security Area', kind: 'technical_committee', parent: 'IETF' },
  { key: 'IETF WIT', acronym: 'WIT', name: 'Web and Internet Transport Area', kind: 'technical_committee', parent: 'IETF' },
  { key: 'IRTF', acronym: 'IRTF', name: 'Internet Research Task Force', kind: 'standards_body', website: 'https://www.irtf.org' },
  { key: 'IRTF QIRG', acronym: 'QIRG', name: 'Quantum Internet Research Group', kind: 'technical_committee', parent: 'IRTF' },
  { key: '3GPP', acronym: '3GPP', name: '3rd Generation Partnership Project', kind: 'standards_body', website: 'https://www.3gpp.org' },
  { key: '3GPP SA', acronym: 'TSG SA', name: 'Technical Specification Group Service and System Aspects', kind: 'technical_committee', parent: '3GPP' },
  { key: '3GPP SA1', acronym: 'SA1', name: 'Services', kind: 'technical_committee', parent: '3GPP SA' },
  { key: '3GPP SA3', acronym: 'SA3', name: 'Security and privacy', kind: 'technical_committee', parent: '3GPP SA' },
  { key: '3GPP SA4', acronym: 'SA4', name: 'Multimedia codecs, systems and services', kind: 'technical_committee', parent: '3GPP SA' },
  { key: '3GPP RAN', acronym: 'TSG RAN', name: 'Technical Specification Group Radio Access Network', kind: 'technical_committee', parent: '3GPP' },
  { key: '3GPP CT', acronym: 'TSG CT', name: 'Technical Specification Group Core Network and Terminals', kind: 'technical_committee', parent: '3GPP' },
  { key: 'CCSA', acronym: 'CCSA', name: 'China Communications Standards Association', kind: 'standards_body', country: 'China' },
  { key: 'CEN-CENELEC', acronym: 'CEN-CENELEC', name: 'European Committee for Standardization and European Committee for Electrotechnical Standardization', kind: 'standards_body' },
  { key: 'CEN-CENELEC FG QT', acronym: 'FG QT', name: 'Focus Group on Quantum Technologies', kind: 'focus_group', parent: 'CEN-CENELEC' },
  { key: 'MSF', acronym: 'MSF', name: 'Metaverse Standards Forum', kind: 'forum', website: 'https://metaverse-standards.org' },
  { key: 'OMF', acronym: 'OMF', name: 'Open Metaverse Foundation (Linux Foundation)', kind: 'open_source' },
  { key: 'CAICT', acronym: 'CAICT', name: 'China Academy of Information and Communications Technology', kind: 'government', country: 'China' },
  { key: 'DCMS', acronym: 'DCMS', name: 'Department for Digital, Culture, Media and Sport', kind: 'government', country: 'United Kingdom' },
  { key: 'CST', acronym: 'CST', name: 'Communications, Space and Technology Commission', kind: 'government', country: 'Saudi Arabia' },
  { key: 'ETRI', acronym: 'ETRI', name: 'Electronics and Telecommunications Research Institute', kind: 'academia', country: 'Republic of Korea' },
];

export type DemoPerson = { key: string; name: string; affiliation?: string; organization?: string; country?: string; email?: string; phone?: string; isExample?: boolean };

export const demoPeople: DemoPerson[] = [
  { key: 'lai', name: 'Junsen Lai', affiliation: 'China Academy of Information and Communications Technology (CAICT)', organization: 'CAICT', country: 'China' },
  { key: 'mcfadden', name: 'Mark McFadden', affiliation: 'Department for Digital, Culture, Media and Sport (DCMS)', organization: 'DCMS', country: 'United Kingdom' },
  { key: 'alrumayh', name: 'Muath AlRumayh', affiliation: 'Communications, Space and Technology Commission (CST)', organization: 'CST', country: 'Kingdom of Saudi Arabia' },
  { key: 'kang', name: 'Shin-Gak Kang', affiliation: 'Electronics and Telecommunications Research Institute (ETRI)', organization: 'ETRI', country: 'Republic of Korea' },
  { key: 'makamara', name: 'Gillian Makamara', affiliation: 'ITU/TSB', organization: 'TSB', country: 'Switzerland', email: 'quantum@itu.int', phone: '+41 22 730 6206' },
  { key: 'secretariat', name: 'Dana Secretariat', affiliation: 'ITU/TSB', organization: 'TSB', country: 'Switzerland', email: 'secretariat@example.org', isExample: true },
  { key: 'member', name: 'Priya Member', affiliation: 'Example Networks Ltd', country: 'India', email: 'member@example.org', isExample: true },
  { key: 'observer', name: 'Olivier Observer', affiliation: 'Université d’exemple', country: 'France', email: 'observer@example.org', isExample: true },
];

export const demoPassword = 'concord-demo';

/** Accounts for each role, printed on the console at first start. */
export const demoAccounts: { email: string; name: string; person?: string; admin?: boolean; role: string }[] = [
  { email: 'admin@example.org', name: 'Site Admin', admin: true, role: 'site administrator' },
  { email: 'secretariat@example.org', name: 'Dana Secretariat', person: 'secretariat', role: 'secretariat of JCA-QKDN and JCA-MV' },
  { email: 'chair@example.org', name: 'Junsen Lai', person: 'lai', role: 'chair of JCA-QKDN' },
  { email: 'vicechair@example.org', name: 'Mark McFadden', person: 'mcfadden', role: 'vice-chair of JCA-QKDN' },
  { email: 'cochair@example.org', name: 'Shin-Gak Kang', person: 'kang', role: 'co-chair of JCA-MV' },
  { email: 'member@example.org', name: 'Priya Member', person: 'member', role: 'member of JCA-QKDN and JCA-MV' },
  { email: 'observer@example.org', name: 'Olivier Observer', person: 'observer', role: 'observer of JCA-MV' },
];

export type DemoActivity = {
  acronym: string;
  nameEn: string;
  nameFr: string;
  parent: string;
  foundingDecision: string;
  legalBasis: string;
  establishedOn: string;
  webPage: string;
  mailingList: string;
  secretariatEmail: string;
  secretariatPhone: string;
  secretariatPerson?: string;
  relatedStudyGroups: string[];
  cooperatingBodies: string[];
  /** the roadmap as shipped in src/demo/data (real standards; some titles and years from memory) */
  roadmapFile: string;
  roles: [person: string, role: MembershipRole][];
  tor: {
    scope: string;
    objectives: { number: string; text: string }[];
    participation: string;
    workingMethods: string;
    administrativeSupport: string;
    meetings: string;
    reporting: string;
    duration: string;
    // The same terms in French, as TSB's French circular gives them (French circulars quote these).
    scopeFr: string;
    objectivesFr: { number: string; text: string }[];
    participationFr: string;
    workingMethodsFr: string;
    administrativeSupportFr: string;
    meetingsFr: string;
    reportingFr: string;
    durationFr: string;
  };
};

export const demoActivities: DemoActivity[] = [
  {
    acronym: 'JCA-QKDN',
    nameEn: 'Joint Coordination Activity on Quantum Key Distribution Networks',
    nameFr: 'Activité conjointe de coordination sur les réseaux de distribution de clés quantiques',
    parent: 'TSAG',
    foundingDecision: 'Agreed by TSAG at its meeting of 12–16 December 2022; announced by TSB Circular 68, Geneva, 18 January 2023.',
    legalBasis: 'Recommendation ITU-T A.1, clause 5; WTSA-20 Resolution 92.',
    establishedOn: '2022-12-16',
    webPage: 'http://itu.int/en/ITU-T/jca/qkdn',
    mailingList: 'jca-qkdn@lists.itu.int',
    secretariatEmail: 'quantum@itu.int',
    secretariatPhone: '+41 22 730 6206',
    secretariatPerson: 'makamara',
    roadmapFile: 'roadmap-qkd.csv',
    relatedStudyGroups: ['SG11', 'SG13', 'SG17'],
    cooperatingBodies: ['JTC 1', 'ETSI', 'IEEE', 'IETF', 'IRTF', 'CCSA', 'CEN-CENELEC FG QT', 'IEC TC 86'],
    roles: [
      ['lai', 'chair'],
      ['mcfadden', 'vice_chair'],
      ['makamara', 'secretariat'],
      ['secretariat', 'secretariat'],
      ['member', 'member'],
    ],
    tor: {
      scope: 'Coordination of standardization work on quantum key distribution networks (QKDN) within ITU-T and with other standards bodies, to avoid duplication of work and to plan the standardization of QKDN.',
      objectives: [
        { number: '1', text: 'Coordinate QKDN standardization work across the ITU-T study groups.' },
        { number: '2', text: 'Where duplication of work or planning problems appear, coordinate with the study groups concerned and report to TSAG.' },
        { number: '3', text: 'Study and promote cooperation with ISO/IEC JTC 1, ETSI, IEEE, IETF/IRTF, CCSA, CEN-CENELEC FG QT and IEC TC 86.' },
        { number: '4', text: 'Analyse the QKDN work of these bodies and report it to the study groups for their planning.' },
        { number: '5', text: 'Act as the point of contact on QKDN inside ITU-T and with outside bodies, to avoid duplication of work.' },
        { number: '6', text: 'Maintain the QKDN standardization roadmap of published and in-progress specifications of ITU and other bodies.' },
        { number: '7', text: 'Coordinate internally through the study group representatives.' },
        { number: '8', text: 'Invite representatives of external bodies to take part.' },
      ],
      participation: 'Official representatives of all ITU-T study groups and TSAG, and study group secretariat staff. Other ITU groups and external bodies may be invited to name a representative.',
      workingMethods: 'Electronic meetings (teleconferences) and physical meetings as needed, announced on the mailing list and web page; may meet alongside TSAG.',
      administrativeSupport: 'Secretariat provided by TSB.',
      meetings: 'Electronic and physical meetings as needed; the first meeting is held in Geneva on 22 March 2023, alongside the ITU-T SG13 meeting.',
      reporting: 'An executive summary to TSAG after each meeting; progress reports and proposals to study groups as needed.',
      duration: 'Until TSAG decides otherwise.',
      scopeFr:
        'Coordination des travaux de normalisation relatifs aux réseaux de distribution de clés quantiques (QKDN) au sein de l’UIT-T et avec les autres organismes de normalisation, afin d’éviter les doubles emplois et de planifier la normalisation des QKDN.',
      objectivesFr: [
        { number: '1', text: 'Coordonner les travaux de normalisation relatifs aux QKDN entre les commissions d’études de l’UIT-T.' },
        { number: '2', text: 'Lorsque des doubles emplois ou des problèmes de planification apparaissent, assurer la coordination avec les commissions d’études concernées et en rendre compte au GCNT.' },
        { number: '3', text: 'Étudier et promouvoir la coopération avec l’ISO/CEI JTC 1, l’ETSI, l’IEEE, l’IETF et l’IRTF, la CCSA, le FG QT du CEN-CENELEC et le TC 86 de la CEI.' },
        { number: '4', text: 'Analyser les travaux de ces organismes relatifs aux QKDN et en rendre compte aux commissions d’études pour leur planification.' },
        { number: '5', text: 'Servir de point de contact pour les QKDN au sein de l’UIT-T et auprès des organismes extérieurs, afin d’éviter les doubles emplois.' },
        { number: '6', text: 'Tenir à jour la feuille de route de la normalisation des QKDN, qui recense les spécifications publiées et en cours d’élaboration de l’UIT et des autres organismes.' },
        { number: '7', text: 'Assurer la coordination interne par l’intermédiaire des représentants des commissions d’études.' },
        { number: '8', text: 'Inviter des représentants d’organismes extérieurs à participer aux travaux.' },
      ],
      participationFr:
        'Représentants officiels de toutes les commissions d’études de l’UIT-T et du GCNT, et membres du personnel des secrétariats des commissions d’études. D’autres groupes de l’UIT et des organismes extérieurs peuvent être invités à désigner un représentant.',
      workingMethodsFr: 'Réunions électroniques (téléconférences) et réunions physiques selon les besoins, annoncées sur la liste de diffusion et la page web ; l’activité peut se réunir en marge du GCNT.',
      administrativeSupportFr: 'Secrétariat assuré par le TSB.',
      meetingsFr: 'Réunions électroniques et physiques selon les besoins ; la première réunion se tient à Genève le 22 mars 2023, en marge de la réunion de la Commission d’études 13 de l’UIT-T.',
      reportingFr: 'Un résumé analytique au GCNT après chaque réunion ; des rapports d’activité et des propositions aux commissions d’études selon les besoins.',
      durationFr: 'Jusqu’à ce que le GCNT en décide autrement.',
    },
  },
  {
    acronym: 'JCA-MV',
    nameEn: 'Joint Coordination Activity on Metaverse Standardization',
    nameFr: 'Activité conjointe de coordination sur la normalisation du métavers',
    parent: 'TSAG',
    foundingDecision: 'Agreed by TSAG at its meeting of 26–30 May 2025; announced by TSB Circular 60, Geneva, 3 July 2025, signed by Seizo Onoe, Director of TSB.',
    legalBasis: 'Recommendation ITU-T A.18; WTSA-24 Resolution 105 "Metaverse standardization".',
    establishedOn: '2025-05-30',
    webPage: 'http://itu.int/en/ITU-T/jca/mv',
    mailingList: 'jcamv@lists.itu.int',
    secretariatEmail: 'tsbjcamv@itu.int',
    secretariatPhone: '+41 22 730 6301',
    secretariatPerson: 'secretariat',
    roadmapFile: 'roadmap-metaverse.csv',
    relatedStudyGroups: ['SG13', 'SG16', 'SG17', 'SG20', 'SG21'],
    cooperatingBodies: ['ISO', 'IEC', 'JTC 1', '3GPP', 'ETSI', 'IEEE', 'IETF', 'MSF', 'OMF'],
    roles: [
      ['alrumayh', 'co_chair'],
      ['kang', 'co_chair'],
      ['secretariat', 'secretariat'],
      ['member', 'member'],
      ['observer', 'observer'],
    ],
    tor: {
      scope: 'Coordination of metaverse standardization within ITU-T, with the other ITU Sectors and with other standards bodies, forums, consortia and open-source communities.',
      objectives: [
        { number: '2.1', text: 'Coordinate metaverse work (enabling technologies, systems, applications, services, protocols, security, accessibility, sustainability) across the ITU-T study groups.' },
        { number: '2.2', text: 'Encourage ITU-T, ITU-R and ITU-D groups to contribute and to share information.' },
        { number: '2.3', text: 'Develop and maintain a metaverse standardization roadmap.' },
        { number: '2.4', text: 'Study and promote cooperation with ISO, IEC, ISO/IEC JTC 1, 3GPP, ETSI, IEEE, IETF, the Metaverse Standards Forum and open-source communities.' },
        { number: '2.5', text: 'Report overlaps and other coordination issues to TSAG.' },
        { number: '2.6', text: 'Act as the point of contact on metaverse standardization, to avoid overlap.' },
        { number: '2.7', text: 'Maintain a list of contacts and representatives of ITU-T study groups and other ITU groups.' },
        { number: '2.8', text: 'Maintain a list of contacts and representatives of other bodies taking part.' },
      ],
      participation: 'Representatives of ITU members, including all study groups and TSAG; invited experts from standards bodies, academia, forums and consortia; small and medium enterprises and vertical sectors are especially encouraged. Composed of all ITU-T study group chairs, the TSAG chair, persons named by study group chairs, metaverse contact points in study groups, and invited representatives.',
      workingMethods: 'Mainly by correspondence (e-mail, teleconference).',
      administrativeSupport: 'Secretariat provided by TSB.',
      meetings: 'Physical meetings three times a year, alongside study group meetings; the first in Geneva on 9 October 2025, alongside the ITU-T SG21 meeting.',
      reporting: 'An executive summary to TSAG after each meeting.',
      duration: 'Until TSAG decides otherwise.',
      scopeFr:
        'Coordination de la normalisation du métavers au sein de l’UIT-T, avec les autres Secteurs de l’UIT et avec les autres organismes de normalisation, forums, consortiums et communautés open source.',
      objectivesFr: [
        { number: '2.1', text: 'Coordonner les travaux relatifs au métavers (technologies habilitantes, systèmes, applications, services, protocoles, sécurité, accessibilité, durabilité) entre les commissions d’études de l’UIT-T.' },
        { number: '2.2', text: 'Encourager les groupes de l’UIT-T, de l’UIT-R et de l’UIT-D à apporter leur contribution et à échanger des informations.' },
        { number: '2.3', text: 'Élaborer et tenir à jour une feuille de route de la normalisation du métavers.' },
        { number: '2.4', text: 'Étudier et promouvoir la coopération avec l’ISO, la CEI, l’ISO/CEI JTC 1, le 3GPP, l’ETSI, l’IEEE, l’IETF, le Metaverse Standards Forum et les communautés open source.' },
        { number: '2.5', text: 'Signaler au GCNT les chevauchements et les autres questions de coordination.' },
        { number: '2.6', text: 'Servir de point de contact pour la normalisation du métavers, afin d’éviter les chevauchements.' },
        { number: '2.7', text: 'Tenir à jour une liste des contacts et des représentants des commissions d’études de l’UIT-T et des autres groupes de l’UIT.' },
        { number: '2.8', text: 'Tenir à jour une liste des contacts et des représentants des autres organismes participants.' },
      ],
      participationFr:
        'Représentants des membres de l’UIT, notamment de toutes les commissions d’études et du GCNT ; experts invités issus d’organismes de normalisation, des milieux universitaires, de forums et de consortiums ; la participation des petites et moyennes entreprises et des secteurs verticaux est particulièrement encouragée. L’activité se compose de tous les présidents des commissions d’études de l’UIT-T, du président du GCNT, des personnes désignées par les présidents des commissions d’études, des points de contact pour le métavers au sein des commissions d’études et des représentants invités.',
      workingMethodsFr: 'Principalement par correspondance (courrier électronique, téléconférence).',
      administrativeSupportFr: 'Secrétariat assuré par le TSB.',
      meetingsFr: 'Réunions physiques trois fois par an, en marge des réunions des commissions d’études ; la première à Genève le 9 octobre 2025, en marge de la réunion de la Commission d’études 21 de l’UIT-T.',
      reportingFr: 'Un résumé analytique au GCNT après chaque réunion.',
      durationFr: 'Jusqu’à ce que le GCNT en décide autrement.',
    },
  },
];
