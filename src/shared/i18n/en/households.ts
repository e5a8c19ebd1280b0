/** Namespace « households », English: the same keys as fr/households.ts (children shared by two households (separated parents) and the custody schedule). */
import type fr from '../fr/households.js';
import type { Catalogue } from '../catalogue.js';

const households: Catalogue<typeof fr> = {
  title: 'The child’s households',
  planning: {
    otherCustody: 'The other household’s custody',
    dayTaken: 'Day booked by the other household',
  },
  custody: {
    kind: {
      free: 'Free (the first household to book a day gets it)',
      alternate_weeks: 'Every other week',
      weekdays: 'Fixed weekdays',
    },
    yourWeeks: 'Your weeks: the week of {{monday}}, then every other week.',
    yourWeekdays: 'Your days: {{days}}.',
    noWeekdays: 'No weekday is given to you.',
    free: 'Each household can book every day; a day already booked by the other household cannot be booked again.',
  },
  family: {
    heading: 'Shared custody',
    intro: 'This child also belongs to another household. The child’s record (identity, health, authorizations) is shared; your contacts, pick-up persons, bookings, invoices and documents stay your own.',
    schedule: 'Custody schedule: {{kind}}',
  },
  staff: {
    heading: 'Households',
    intro: 'A child can belong to two households (separated parents). Each household has its own address, payer, bookings and invoices; the child’s record is shared.',
    list: 'The child’s households',
    family: 'Family',
    linkedAt: 'Linked on',
    custody: 'Custody',
    first: 'first household',
    unlink: 'Remove from this household',
    unlinkTitle: 'Remove the child from the household {{name}}?',
    unlinkBody: 'The household will no longer see the child; the days to come it had booked for the child are cancelled, its past bookings and invoices stay. Both households will be told by e-mail.',
    unlinkConfirm: 'Remove',
    unlinked: 'The child was removed from the household.',
    link: 'Link to another household',
    search: 'Search for a family (a guardian’s name)',
    searchButton: 'Search',
    noFamily: 'No family found.',
    choose: 'Choose {{name}}',
    chosen: 'Chosen family: {{name}}',
    identityChecked: 'I checked the child’s identity and the link with this household',
    identityHow: 'How (document checked)',
    identityHowHint: 'For example: family record book shown at the town hall, divorce judgment.',
    linkButton: 'Link the child',
    linked: 'The child was linked to the household.',
    custodyTitle: 'Custody schedule',
    custodyKind: 'Custody arrangement',
    referenceMonday: 'Reference week (a Monday)',
    referenceFamily: 'Household that has the reference week',
    weekdaysOf: 'Days of {{name}}',
    saveCustody: 'Save the schedule',
    custodySaved: 'The custody schedule was saved.',
    oneHousehold: 'The child has one household only: the custody schedule will apply once there are two.',
  },
  weekdays: {
    '1': 'Monday',
    '2': 'Tuesday',
    '3': 'Wednesday',
    '4': 'Thursday',
    '5': 'Friday',
    '6': 'Saturday',
    '7': 'Sunday',
  },
};

export default households;
