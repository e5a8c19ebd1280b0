/** Every namespace of the English catalogue (the server imports them all; the pages load one namespace at a time). */
import common from './common.js';
import auth from './auth.js';
import family from './family.js';
import staff from './staff.js';
import staffAdmin from './staffAdmin.js';
import errors from './errors.js';
import labels from './labels.js';
import mail from './mail.js';
import pdf from './pdf.js';
import server from './server.js';
import members from './members.js';
import households from './households.js';
import signin from './signin.js';
import security from './security.js';
import campaigns from './campaigns.js';
import money from './money.js';
import messages from './messages.js';
import attendance from './attendance.js';
import stats from './stats.js';
import quotient from './quotient.js';
import accessibility from './accessibility.js';

export const en = { common, auth, family, staff, staffAdmin, errors, labels, mail, pdf, server, members, households, signin, security, money, campaigns, messages, quotient, accessibility, stats, attendance };
