import { formatIsoformat } from '../envelope/index.js';
import type { SignalRegistry } from '../signals/index.js';
import { createRandom, type Random } from './random.js';

/** A learner of the simulated campus. */
export interface SimLearner {
  readonly id: number;
  readonly username: string;
  readonly email: string;
  readonly name: string;
  registered: boolean;
}

export interface SimCourse {
  readonly key: string;
  readonly name: string;
  readonly org: string;
  readonly blocks: readonly string[];
  readonly exams: readonly string[];
  readonly oras: readonly string[];
}

export interface CampusOptions {
  learners?: number;
  courses?: number;
  seed?: number;
}

/** What one step of the simulation did, for counters and tests. */
export interface SimStep {
  readonly eventType: string;
}

type Action = (campus: Campus) => Promise<SimStep>;

const FIRST = [
  'Ada',
  'Grace',
  'Alan',
  'Katherine',
  'Linus',
  'Margaret',
  'Tim',
  'Barbara',
  'Dennis',
  'Frances',
  'Ken',
  'Radia',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Johnson',
  'Torvalds',
  'Hamilton',
  'Berners-Lee',
  'Liskov',
  'Ritchie',
  'Allen',
  'Thompson',
  'Perlman',
];
const SUBJECTS = [
  'Calculus',
  'Data Science',
  'Ethics',
  'Physics',
  'Poetry',
  'Statistics',
  'Biology',
  'History',
  'Economics',
  'Robotics',
];
const ORGS = ['CampusX', 'MITx', 'HarvardX', 'edX'];
const MODES = ['audit', 'audit', 'verified', 'honor'];

/**
 * A realistic campus: learners register, log in, enrol (and sometimes leave), are graded, pass,
 * earn certificates and badges, post in forums, submit open responses, sit exams and change
 * cohorts, while staff publish course content. Everything goes through the public signals API,
 * validated like any producer's events. Deterministic for a given seed.
 */
export class Campus {
  readonly learners: SimLearner[];
  readonly courses: SimCourse[];
  readonly enrollments = new Map<string, Set<number>>();
  readonly rng: Random;
  #sequence = 0;

  constructor(
    readonly signals: SignalRegistry,
    options: CampusOptions = {},
  ) {
    this.rng = createRandom(options.seed ?? 1);
    this.learners = Array.from({ length: options.learners ?? 200 }, (_, i) => {
      const first = this.rng.pick(FIRST);
      const last = this.rng.pick(LAST);
      const username = `${first}.${last}.${i + 1}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
      return {
        id: 1000 + i,
        username,
        email: `${username}@campus.example`,
        name: `${first} ${last}`,
        registered: false,
      };
    });
    this.courses = Array.from({ length: options.courses ?? 12 }, (_, i) => {
      const org = ORGS[i % ORGS.length]!;
      const code = `${SUBJECTS[i % SUBJECTS.length]!.replace(/\s/g, '')}${101 + i}`;
      const key = `course-v1:${org}+${code}+2026_T1`;
      const block = (type: string, n: number) =>
        `block-v1:${org}+${code}+2026_T1+type@${type}+block@${type}${n}`;
      return {
        key,
        org,
        name: `${SUBJECTS[i % SUBJECTS.length]} ${101 + i}`,
        blocks: Array.from({ length: 8 }, (_, n) => block(n % 2 ? 'problem' : 'vertical', n)),
        exams: [block('sequential', 90), block('sequential', 91)],
        oras: [block('openassessment', 1), block('openassessment', 2)],
      };
    });
    for (const course of this.courses) this.enrollments.set(course.key, new Set());
  }

  /** Runs one weighted-random action and resolves with the event type it sent. */
  async step(): Promise<SimStep> {
    this.#sequence++;
    return this.rng.weighted(ACTIONS)(this);
  }

  now(): string {
    const date = new Date();
    return formatIsoformat(date, this.#sequence % 1000);
  }

  user(learner: SimLearner) {
    return {
      id: learner.id,
      is_active: true,
      pii: { username: learner.username, email: learner.email, name: learner.name },
    };
  }

  course(course: SimCourse) {
    return {
      course_key: course.key,
      display_name: course.name,
      start: '2026-01-05T00:00:00+00:00',
      end: '2026-06-30T00:00:00+00:00',
    };
  }

  /** An enrolled learner of a random course, enrolling one first when the course is empty. */
  async enrolledPair(): Promise<{ learner: SimLearner; course: SimCourse }> {
    const course = this.rng.pick(this.courses);
    const enrolled = this.enrollments.get(course.key)!;
    if (enrolled.size === 0) {
      const learner = this.rng.pick(this.learners);
      await this.enroll(learner, course);
      return { learner, course };
    }
    const id = this.rng.pick([...enrolled]);
    return { learner: this.learners.find((l) => l.id === id)!, course };
  }

  async enroll(learner: SimLearner, course: SimCourse): Promise<void> {
    this.enrollments.get(course.key)!.add(learner.id);
    await this.signals.get('org.openedx.learning.course.enrollment.created.v1').send({
      enrollment: {
        user: this.user(learner),
        course: this.course(course),
        mode: this.rng.pick(MODES),
        is_active: true,
        creation_date: this.now(),
        created_by: null,
      },
    });
  }

  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.rng.next() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }
}

const send = async (campus: Campus, eventType: string, data: unknown): Promise<SimStep> => {
  await campus.signals.get(eventType).send(data as never);
  return { eventType };
};

const ACTIONS: ReadonlyArray<readonly [number, Action]> = [
  [
    22,
    (c) => {
      const learner = c.rng.pick(c.learners);
      if (!learner.registered) {
        learner.registered = true;
        return send(c, 'org.openedx.learning.student.registration.completed.v1', { user: c.user(learner) });
      }
      return send(c, 'org.openedx.learning.auth.session.login.completed.v1', { user: c.user(learner) });
    },
  ],
  [
    12,
    async (c) => {
      await c.enroll(c.rng.pick(c.learners), c.rng.pick(c.courses));
      return { eventType: 'org.openedx.learning.course.enrollment.created.v1' };
    },
  ],
  [
    2,
    async (c) => {
      const { learner, course } = await c.enrolledPair();
      c.enrollments.get(course.key)!.delete(learner.id);
      return send(c, 'org.openedx.learning.course.unenrollment.completed.v1', {
        enrollment: {
          user: c.user(learner),
          course: c.course(course),
          mode: 'audit',
          is_active: false,
          creation_date: c.now(),
          created_by: null,
        },
      });
    },
  ],
  [
    18,
    async (c) => {
      const { learner, course } = await c.enrolledPair();
      const percent = Math.round(c.rng.next() * 100) / 100;
      return send(c, 'org.openedx.learning.course.persistent_grade_summary.changed.v1', {
        grade: {
          user_id: learner.id,
          course: c.course(course),
          course_edited_timestamp: c.now(),
          course_version: 'v1',
          grading_policy_hash: 'a1b2c3',
          percent_grade: percent,
          letter_grade: percent >= 0.9 ? 'A' : percent >= 0.7 ? 'B' : percent >= 0.5 ? 'C' : '',
          passed_timestamp: c.now(),
        },
      });
    },
  ],
  [
    6,
    async (c) => {
      const { learner, course } = await c.enrolledPair();
      return send(c, 'org.openedx.learning.course.passing.status.updated.v1', {
        course_passing_status: {
          is_passing: c.rng.next() < 0.7,
          course: c.course(course),
          user: c.user(learner),
        },
      });
    },
  ],
  [
    3,
    async (c) => {
      const { learner, course } = await c.enrolledPair();
      return send(c, 'org.openedx.learning.certificate.created.v1', {
        certificate: {
          user: c.user(learner),
          course: c.course(course),
          mode: 'verified',
          grade: '0.92',
          download_url: `https://campus.example/certificates/${c.uuid()}`,
          name: learner.name,
          current_status: 'downloadable',
        },
      });
    },
  ],
  [
    1,
    async (c) => {
      const learner = c.rng.pick(c.learners);
      return send(c, 'org.openedx.learning.badge.awarded.v1', {
        badge: {
          uuid: c.uuid(),
          user: c.user(learner),
          template: {
            uuid: c.uuid(),
            origin: 'credly',
            name: 'Curious Mind',
            description: 'Posted 10 times',
            image_url: null,
          },
        },
      });
    },
  ],
  [
    12,
    async (c) => {
      const { learner, course } = await c.enrolledPair();
      const type = c.rng.weighted([
        [5, 'org.openedx.learning.forum.thread.created.v1'],
        [4, 'org.openedx.learning.forum.thread.response.created.v1'],
        [3, 'org.openedx.learning.forum.thread.response.comment.created.v1'],
      ] as const);
      const id = c.uuid().replace(/-/g, '').slice(0, 24);
      return send(c, type, {
        thread: {
          body: 'Could someone explain the second proof?',
          commentable_id: 'course',
          id,
          truncated: false,
          url: `https://campus.example/courses/${course.key}/discussion/forum/course/threads/${id}`,
          user: c.user(learner),
          course_id: course.key,
          thread_type: 'question',
          title: 'Question about week 2',
          user_course_roles: ['Student'],
          user_forums_roles: ['Student'],
          options: { followed: true },
        },
      });
    },
  ],
  [
    5,
    async (c) => {
      const { course } = await c.enrolledPair();
      return send(c, 'org.openedx.learning.ora.submission.created.v1', {
        submission: {
          uuid: c.uuid(),
          anonymous_user_id: c.uuid().replace(/-/g, ''),
          location: c.rng.pick(course.oras),
          attempt_number: 1,
          created_at: c.now(),
          submitted_at: c.now(),
          answer: { parts: [{ text: 'My essay about the topic.' }] },
        },
      });
    },
  ],
  [
    4,
    async (c) => {
      const { learner, course } = await c.enrolledPair();
      const type = c.rng.weighted([
        [6, 'org.openedx.learning.exam.attempt.submitted.v1'],
        [3, 'org.openedx.learning.exam.attempt.verified.v1'],
        [1, 'org.openedx.learning.exam.attempt.rejected.v1'],
      ] as const);
      return send(c, type, {
        exam_attempt: {
          student_user: c.user(learner),
          course_key: course.key,
          usage_key: c.rng.pick(course.exams),
          exam_type: 'timed',
          requesting_user: null,
        },
      });
    },
  ],
  [
    2,
    async (c) => {
      const { learner, course } = await c.enrolledPair();
      return send(c, 'org.openedx.learning.cohort_membership.changed.v1', {
        cohort: {
          user: c.user(learner),
          course: c.course(course),
          name: c.rng.pick(['Group A', 'Group B', 'Evening']),
        },
      });
    },
  ],
  [
    5,
    (c) => {
      const course = c.rng.pick(c.courses);
      const usage = c.rng.pick(course.blocks);
      const type = c.rng.weighted([
        [5, 'org.openedx.content_authoring.xblock.published.v1'],
        [3, 'org.openedx.content_authoring.xblock.updated.v1'],
        [1, 'org.openedx.content_authoring.xblock.created.v1'],
      ] as const);
      return send(c, type, {
        xblock_info: {
          usage_key: usage,
          block_type: usage.includes('type@problem') ? 'problem' : 'vertical',
        },
      });
    },
  ],
  [
    1,
    (c) => {
      const course = c.rng.pick(c.courses);
      return send(c, 'org.openedx.content_authoring.course.catalog_info.changed.v1', {
        catalog_info: {
          course_key: course.key,
          name: course.name,
          schedule_data: {
            start: '2026-01-05T00:00:00+00:00',
            pacing: 'instructor',
            end: '2026-06-30T00:00:00+00:00',
          },
        },
      });
    },
  ],
];

export function createCampus(signals: SignalRegistry, options: CampusOptions = {}): Campus {
  return new Campus(signals, options);
}
