// Every capability's messages in Chinese only, merged in the same order as messages.ts, for the server. The browser
// never loads this module: it loads each capability a page declares as a chunk of its own (capabilities.ts).
import { zh as core } from './messages/core.zh';
import { zh as deliberation } from './messages/deliberation.zh';
import { zh as exportsMessages } from './messages/exports.zh';
import { zh as fairs } from './messages/fairs.zh';
import { zh as funds } from './messages/funds.zh';
import { zh as matching } from './messages/matching.zh';
import { zh as matchingFunds } from './messages/matching-funds.zh';
import { zh as needs } from './messages/needs.zh';
import { zh as notifications } from './messages/notifications.zh';
import { zh as operations } from './messages/operations.zh';
import { zh as projects } from './messages/projects.zh';
import { zh as resources } from './messages/resources.zh';
import { zh as search } from './messages/search.zh';
import { zh as shifts } from './messages/shifts.zh';
import { zh as stats } from './messages/stats.zh';
import { zh as twoFactor } from './messages/two-factor.zh';

export const zh = { ...core, ...deliberation, ...exportsMessages, ...fairs, ...funds, ...matching, ...matchingFunds, ...needs, ...notifications, ...operations, ...projects, ...resources, ...search, ...shifts, ...stats, ...twoFactor };
