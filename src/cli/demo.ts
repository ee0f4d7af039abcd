import { randomInt } from 'node:crypto';
import { createDisplayToken, createUser } from '../accounts/flows.js';
import type { Role } from '../accounts/model.js';
import { countUsers, getUserByEmail } from '../accounts/store.js';
import { consent, endEarly, giveAdvice, openConsultation } from '../blueprint/consultation-flows.js';
import { activate } from '../blueprint/flows.js';
import { updateContactPoint } from '../directory/flows.js';
import { addAttachment, changeReach, createSharingGroup, postEntry } from '../entries/flows.js';
import type { NewEntryRequest } from '../entries/model.js';
import { postUpdate, recordOwnAssessment, reportIncident } from '../incidents/flows.js';
import { IncidentReport, UpdateRequest } from '../incidents/model.js';
import type { Actor } from '../platform/actor.js';
import type { Config } from '../platform/config.js';
import type { Platform } from '../platform/context.js';
import { Conflict } from '../platform/errors.js';
import { presidencyHolding } from '../presidency/flows.js';
import { organisationById } from '../registry/organisations.js';
import { recordMechanism } from '../response/flows.js';
import { closePlatform, openPlatform } from '../server.js';
import { approveSitrep, compileSitrep, editSitrep } from '../sitreps/flows.js';
import { demoAfterAction } from './demo-after-action.js';
import { seedAlertChannels } from './demo-alert-channels.js';
import { seedAlerting } from './demo-alerting.js';
import { seedAssistance } from './demo-assistance.js';
import { seedCepesRegister } from './demo-cepes.js';
import { seedPublicLine } from './demo-comms.js';
import { seedCommsReview } from './demo-comms-review.js';
import { seedDisinformation } from './demo-disinformation.js';
import { demoExercise } from './demo-exercise.js';
import { demoExerciseSession } from './demo-exercise-session.js';
import { demoFollowUp } from './demo-follow-up.js';
import { seedHybrid } from './demo-hybrid.js';
import { seedPublicationWithdrawal } from './demo-publication-withdrawal.js';
import { seedResponse } from './demo-response.js';
import { demoStixFeeds } from './demo-stix.js';
import { seedStrategic } from './demo-strategic.js';

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

/** Entries that show every way of sharing: markings, audiences, a group, NATO release, withholding, RED, corrections. */
async function seedSharing(
  platform: Platform,
  incidentId: string,
  who: { fi: Actor; ee: Actor; ercc: Actor },
) {
  const { fi, ee, ercc } = who;
  const note = (
    actor: Actor,
    body: Partial<NewEntryRequest> & { text: string; marking: NewEntryRequest['marking'] },
  ) =>
    postEntry(platform, actor, incidentId, { kind: 'note', releasableToNato: false, withheld: [], ...body });
  await note(fi, {
    text: 'EXERCISE. Public line agreed with EE: "Electricity supply is secured through other connections; the cause is being investigated."',
    marking: 'TLP:CLEAR',
    releasableToNato: true,
  });
  const vessel = await note(fi, {
    text: 'EXERCISE. Coast guard has identified a merchant vessel whose anchor was lowered over the cable route; boarding under consideration.',
    marking: 'TLP:AMBER',
    audience: ['FI', 'EE'],
  });
  await addAttachment(
    platform,
    fi,
    incidentId,
    vessel.id,
    {
      name: 'vessel-track-exercise.txt',
      marking: 'TLP:AMBER',
      audience: ['FI', 'EE'],
      recipients: undefined,
    },
    {
      content: Buffer.from(
        'EXERCISE DATA\n02:10 UTC 59.95N 24.70E speed 6.1 kn\n02:40 UTC 59.90N 24.95E speed 1.2 kn\n',
      ),
      contentType: 'text/plain',
    },
  );
  await changeReach(platform, fi, incidentId, vessel.id, {
    marking: 'TLP:AMBER',
    audience: ['FI', 'EE', 'ERCC'],
    releasableToNato: false,
  });
  await note(fi, {
    text: 'EXERCISE. Name of the suspected vessel and its flag state.',
    marking: 'TLP:RED',
    recipients: ['coordinator.ee@exercise.blueprint.example'],
  });
  const group = await createSharingGroup(platform, fi, {
    name: 'Baltic Sea cable cell (exercise)',
    members: ['FI', 'EE', 'DE'],
    hiddenMembership: true,
  });
  await note(fi, {
    text: 'EXERCISE. Repair ship availability: earliest arrival in 9 days.',
    marking: 'TLP:AMBER',
    sharingGroup: group.id,
    audience: [],
  });
  const estimate = await note(ee, {
    text: 'EXERCISE. About 120,000 households on rotating supply cuts tonight.',
    marking: 'TLP:GREEN',
  });
  await note(ee, {
    text: 'EXERCISE. Correction: about 85,000 households on rotating supply cuts tonight.',
    marking: 'TLP:GREEN',
    supersedes: estimate.id,
  });
  await note(ee, {
    text: 'EXERCISE. Operator name and substation list.',
    marking: 'TLP:GREEN',
    withheld: [{ field: 'text', reason: 'commercial-confidentiality' }],
  });
  await note(ercc, {
    text: 'EXERCISE. ERCC can coordinate offers of mobile generators through the Union Civil Protection Mechanism if requested.',
    marking: 'TLP:GREEN',
  });
}

/**
 * The Blueprint at work on the exercise incident: an update with its reporting stage, the Presidency's consultation
 * (both states say yes, ERCC advises, the Presidency decides), activation by Finland joined by Estonia, and SITREP 1.
 */
async function seedWorkflow(
  platform: Platform,
  incidentId: string,
  who: { fi: Actor; ee: Actor; ercc: Actor; presidency: Actor },
) {
  const { fi, ee, ercc, presidency } = who;
  await postUpdate(
    platform,
    ee,
    incidentId,
    UpdateRequest.parse({
      stage: 'cer-initial-notification',
      text: 'EXERCISE. Rotating supply cuts in Harju county; data links rerouted through Latvia with reduced capacity.',
      impacts: [
        {
          memberState: 'EE',
          level: 'significant',
          service: 'electricity supply',
          usersAffected: 85000,
          durationHours: 72,
        },
      ],
    }),
  );
  const consulting = await openConsultation(platform, presidency, incidentId, {
    proposal: 'coordinate',
    deadline: new Date(platform.clock.now().getTime() + 4 * 3600_000).toISOString(),
    text: 'EXERCISE. The Presidency proposes coordination at Union level for the Gulf of Finland cable damage.',
  });
  const consultation = consulting.consultations[consulting.consultations.length - 1]!;
  await consent(platform, fi, incidentId, consultation.id, { text: 'Repair capacity must be pooled.' });
  await consent(platform, ee, incidentId, consultation.id, { text: 'Supply situation requires it.' });
  await giveAdvice(
    platform,
    ercc,
    incidentId,
    consultation.id,
    'EXERCISE. The Commission advises coordination; repair vessels can be sought through ERCC.',
  );
  await endEarly(platform, presidency, incidentId, consultation.id, {
    reason: 'all-answered',
    text: 'EXERCISE. Both significantly affected states consent to Union-level coordination.',
  });
  await activate(platform, fi, incidentId);
  await activate(platform, ee, incidentId);
  await recordMechanism(platform, presidency, incidentId, {
    mechanism: 'ipcr',
    state: 'activated',
    mode: 'information-sharing',
    reference: 'IPCR exercise case 2026-07',
  });
  await recordMechanism(platform, ercc, incidentId, {
    mechanism: 'ucpm',
    state: 'activated',
    reference: 'CECIS exercise request 1',
  });
  const sitrep = await compileSitrep(platform, ercc, incidentId, {
    audience: ['FI', 'EE', 'ERCC', presidency.organisation],
    releasableToNato: false,
  });
  await editSitrep(platform, ercc, incidentId, sitrep.id, {
    sections: [
      {
        key: 'outlook',
        text: 'EXERCISE. Repair vessel expected in 9 days; rotating cuts in Estonia likely to continue this week.',
      },
    ],
  });
  await approveSitrep(platform, presidency, incidentId, sitrep.id);
}

/** Fills an empty database with exercise data and prints how to sign in as each actor. */
export async function runDemo(config: Config): Promise<void> {
  const platform = await openPlatform(config);
  try {
    if ((await countUsers(platform.db.kysely)) > 0) {
      throw new Conflict('database: the demo needs an empty database; point DATA_DIR at a new folder');
    }
    const presidency = (await presidencyHolding(platform.db.kysely)) ?? 'IE';
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
    await seedCepesRegister(platform, ercc);
    const now = platform.clock.now().getTime();
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
            area: 'Inkoo converter station',
          },
          {
            memberState: 'EE',
            level: 'significant',
            service: 'electricity supply and data links',
            assessedBy: 'FI',
          },
        ],
        withheld: [{ field: 'impacts[0].area', reason: 'national-security' }],
        releasableToNato: true,
        exercise: true,
      }),
    );
    await recordOwnAssessment(platform, ee, cable.id, { memberState: 'EE', level: 'significant' });
    await seedSharing(platform, cable.id, { fi, ee, ercc });
    const presidencyActor = await actorFor(
      platform,
      `coordinator.${presidency.toLowerCase()}@exercise.blueprint.example`,
    );
    await seedWorkflow(platform, cable.id, { fi, ee, ercc, presidency: presidencyActor });
    await seedAlerting(platform, cable.id, { fi, ee, ercc });
    await seedAlertChannels(platform, {
      fi,
      eeAdmin: await actorFor(platform, 'org-admin.ee@exercise.blueprint.example'),
    });
    await seedPublicLine(platform, cable.id, { fi, ee });
    await seedCommsReview(platform, cable.id, { fi, ee, ercc });
    await seedPublicationWithdrawal(platform, cable.id, { fi, ee });
    await seedDisinformation(platform, cable.id, { ee, ercc });
    await seedResponse(platform, cable.id, { ee, ercc, presidency: presidencyActor });
    await seedAssistance(platform, cable.id, {
      ee,
      fi,
      de: await actorFor(platform, 'coordinator.de@exercise.blueprint.example'),
      ercc,
    });
    await seedStrategic(platform, cable.id, {
      ee,
      ercc,
      presidency: presidencyActor,
      eeas: await actorFor(platform, 'coordinator.eeas@exercise.blueprint.example'),
    });
    await seedHybrid(platform, {
      fi,
      ee,
      ercc,
      presidency: presidencyActor,
      eeas: await actorFor(platform, 'coordinator.eeas@exercise.blueprint.example'),
    });
    const wall = await createDisplayToken(platform, fi, 'Finnish operations room, wall screen (exercise)');

    const gas = await reportIncident(
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
        `Wall screen for Finland: open /wall and paste this display token (shown only now): ${wall.token}`,
        `The cable incident's CAP line, assistance and sitreps for national systems, as EDXL-DE envelopes marked Exercise: npx blueprint export edxl-de --as coordinator.ee@exercise.blueprint.example --incident ${cable.id} --out ./edxl-de`,
        ...(await demoStixFeeds(platform, ee, cable.id)),
        ...(await demoAfterAction(platform, cable.id, { ee, ercc }, password)),
        ...(await demoFollowUp(platform, gas.id, {
          ercc,
          de: await actorFor(platform, 'coordinator.de@exercise.blueprint.example'),
        })),
        ...(await demoExercise(config)),
        ...(await demoExerciseSession(platform, ercc)),
        '',
      ].join('\n'),
    );
  } finally {
    await closePlatform(platform);
  }
}
