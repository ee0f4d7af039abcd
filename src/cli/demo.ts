import { randomInt } from 'node:crypto';
import { createUser } from '../accounts/flows.js';
import type { Role } from '../accounts/model.js';
import { countUsers, getUserByEmail } from '../accounts/store.js';
import { updateContactPoint } from '../directory/flows.js';
import { recordOwnAssessment, reportIncident } from '../incidents/flows.js';
import { IncidentReport } from '../incidents/model.js';
import type { Actor } from '../platform/actor.js';
import type { Config } from '../platform/config.js';
import type { Platform } from '../platform/context.js';
import { Conflict } from '../platform/errors.js';
import { organisationById } from '../registry/organisations.js';
import { presidencyAt } from '../registry/presidency.js';
import { closePlatform, openPlatform } from '../server.js';

// Words for a memorable demo pass phrase; demo data only, never for real accounts.
const WORDS = [
  'amber',
  'baltic',
  'cable',
  'delta',
  'ferry',
  'grid',
  'harbour',
  'island',
  'lantern',
  'meridian',
  'north',
  'orbit',
  'pylon',
  'relay',
  'signal',
  'tundra',
];

function demoPassphrase(): string {
  return `${Array.from({ length: 4 }, () => WORDS[randomInt(WORDS.length)]).join('-')}-${randomInt(10, 99)}`;
}

interface DemoUser {
  email: string;
  name: string;
  organisation: string;
  role: Role;
  onDuty?: boolean;
}

function demoUsers(presidency: string): DemoUser[] {
  const people: DemoUser[] = [];
  const add = (org: string, roles: Role[], names: string[]) => {
    roles.forEach((role, i) => {
      people.push({
        email: `${role}.${org.toLowerCase()}@exercise.blueprint.example`,
        name: `${names[i] ?? names[0]} (${org}, exercise)`,
        organisation: org,
        role,
        onDuty: role === 'coordinator',
      });
    });
  };
  add('FI', ['coordinator', 'viewer', 'org-admin'], ['Aino Laine', 'Mikko Koskinen', 'Leena Heikkinen']);
  add('EE', ['coordinator', 'viewer', 'org-admin'], ['Kadri Tamm', 'Marko Saar', 'Liis Kask']);
  add('DE', ['coordinator', 'viewer', 'org-admin'], ['Jonas Becker', 'Lena Wagner', 'Felix Schulz']);
  if (!['FI', 'EE', 'DE'].includes(presidency)) {
    add(
      presidency,
      ['coordinator', 'viewer', 'org-admin'],
      ['Presidency duty officer', 'Presidency analyst', 'Presidency administrator'],
    );
  }
  add(
    'ERCC',
    ['coordinator', 'viewer', 'org-admin'],
    ['ERCC duty officer', 'ERCC analyst', 'ERCC administrator'],
  );
  add('EEAS', ['coordinator', 'viewer'], ['EEAS crisis response officer', 'EEAS analyst']);
  add('NATO', ['viewer'], ['NATO liaison officer']);
  people.push({
    email: 'admin@exercise.blueprint.example',
    name: 'Platform administrator (exercise)',
    organisation: 'ERCC',
    role: 'admin',
  });
  return people;
}

async function actorFor(platform: Platform, email: string): Promise<Actor> {
  const row = await getUserByEmail(platform.db.kysely, email);
  if (!row) throw new Error(`demo user ${email} missing`);
  return {
    userId: row.id,
    email: row.email,
    displayName: row.display_name,
    organisation: row.organisation,
    role: row.role as Role,
    via: 'cli',
  };
}

/** Fills an empty database with exercise data and prints how to sign in as each actor. */
export async function runDemo(config: Config): Promise<void> {
  const platform = await openPlatform(config);
  try {
    if ((await countUsers(platform.db.kysely)) > 0) {
      throw new Conflict('database: the demo needs an empty database; point DATA_DIR at a new folder');
    }
    const presidency = presidencyAt(new Date())?.memberState ?? 'IE';
    const password = demoPassphrase();
    const users = demoUsers(presidency);
    for (const u of users) {
      await createUser(platform, null, {
        email: u.email,
        displayName: u.name,
        organisation: u.organisation,
        role: u.role,
        password,
        onDuty: u.onDuty ?? false,
      });
    }

    const admin = await actorFor(platform, 'admin@exercise.blueprint.example');
    const contactPoints: Array<[string, string, string]> = [
      ['FI', 'spoc@exercise.fi.example', '+358 295 000 000'],
      ['EE', 'spoc@exercise.ee.example', '+372 600 0000'],
      ['DE', 'spoc@exercise.de.example', '+49 30 0000 0000'],
      [presidency, `presidency@exercise.${presidency.toLowerCase()}.example`, '+32 2 000 00 00'],
      ['ERCC', 'ercc@exercise.ec.example', '+32 2 299 00 00'],
      ['EEAS', 'crisis@exercise.eeas.example', '+32 2 584 00 00'],
      ['NATO', 'liaison@exercise.nato.example', '+32 2 707 00 00'],
    ];
    for (const [org, mailbox, phone] of contactPoints) {
      await updateContactPoint(platform, admin, org, {
        mailbox,
        phone,
        notes: 'Exercise contact point (demo data)',
      });
    }

    const fi = await actorFor(platform, 'coordinator.fi@exercise.blueprint.example');
    const ee = await actorFor(platform, 'coordinator.ee@exercise.blueprint.example');
    const ercc = await actorFor(platform, 'coordinator.ercc@exercise.blueprint.example');
    const now = Date.now();
    const cable = await reportIncident(
      platform,
      fi,
      IncidentReport.parse({
        title: 'EXERCISE: power and data cables damaged in the Gulf of Finland',
        reportedBy: 'FI',
        occurredAt: new Date(now - 5 * 3600_000).toISOString(),
        detectedAt: new Date(now - 4.5 * 3600_000).toISOString(),
        description:
          'Exercise scenario. An interconnector and two telecommunication cables between Finland and Estonia lost connection within one hour. An anchor drag by a merchant vessel is suspected.',
        cause: 'physical',
        suspectedDeliberate: true,
        sectors: [
          { sector: 'energy', subsector: 'electricity' },
          { sector: 'digital-infrastructure', subsector: 'electronic-communications' },
        ],
        entities: [
          {
            name: 'FI–EE electricity interconnector operator',
            sector: 'energy',
            subsector: 'electricity',
            memberStatesServed: ['FI', 'EE'],
          },
        ],
        impacts: [
          {
            memberState: 'FI',
            level: 'significant',
            service: 'electricity import capacity',
            usersAffected: 0,
            durationHours: 720,
          },
          {
            memberState: 'EE',
            level: 'significant',
            service: 'electricity supply and data links',
            assessedBy: 'FI',
          },
        ],
        exercise: true,
      }),
    );
    await recordOwnAssessment(platform, ee, cable.id, { memberState: 'EE', level: 'significant' });

    await reportIncident(
      platform,
      ercc,
      IncidentReport.parse({
        title: 'EXERCISE: ransomware at a gas transmission operator',
        reportedBy: 'ERCC',
        occurredAt: new Date(now - 26 * 3600_000).toISOString(),
        cause: 'cyber',
        suspectedDeliberate: true,
        sectors: [{ sector: 'energy', subsector: 'gas' }],
        impacts: [{ memberState: 'DE', level: 'minor', service: 'gas transmission scheduling' }],
        marking: 'TLP:AMBER',
        audience: ['DE', 'ERCC', 'ENISA', 'CSIRTS-NETWORK', 'EU-CYCLONE'],
        exercise: true,
      }),
    );

    const line = (u: DemoUser) =>
      `  ${u.email.padEnd(44)} ${u.role.padEnd(12)} ${organisationById(u.organisation)?.name ?? u.organisation}`;
    process.stdout.write(
      [
        '',
        'Demonstration data created (every item is marked EXERCISE).',
        `Password for every demo user, shown only now: ${password}`,
        '',
        ...users.map(line),
        '',
        'Org-admins and the platform admin must enrol a second factor (any authenticator app) at first sign-in.',
        `The Council Presidency today: ${organisationById(presidency)?.name ?? presidency}.`,
        '',
      ].join('\n'),
    );
  } finally {
    await closePlatform(platform);
  }
}
