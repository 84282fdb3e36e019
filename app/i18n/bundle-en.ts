// Every capability's messages in English only, merged in the same order as messages.ts, for the server. The browser
// never loads this module: it loads each capability a page declares as a chunk of its own (capabilities.ts).
import { en as core } from './messages/core';
import { en as deliberation } from './messages/deliberation';
import { en as exportsMessages } from './messages/exports';
import { en as fairs } from './messages/fairs';
import { en as funds } from './messages/funds';
import { en as matching } from './messages/matching';
import { en as matchingFunds } from './messages/matching-funds';
import { en as needs } from './messages/needs';
import { en as notifications } from './messages/notifications';
import { en as operations } from './messages/operations';
import { en as projects } from './messages/projects';
import { en as resources } from './messages/resources';
import { en as search } from './messages/search';
import { en as shifts } from './messages/shifts';
import { en as stats } from './messages/stats';
import { en as twoFactor } from './messages/two-factor';

export const en = { ...core, ...deliberation, ...exportsMessages, ...fairs, ...funds, ...matching, ...matchingFunds, ...needs, ...notifications, ...operations, ...projects, ...resources, ...search, ...shifts, ...stats, ...twoFactor };
