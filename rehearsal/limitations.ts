/** What a twin cannot know about the account, stated in every report. */
export const CANNOT_KNOW: readonly string[] = [
  'IAM: the twin cannot read the roles through AWS IoT, so it takes every action role as allowed. The real run fails an execution with INSUFFICIENT_PERMISSIONS when the role lacks a permission the action type needs (listed per action) or cannot be assumed by AWS IoT; iam:PassRole for the logging role is not checked either.',
  'Concurrent changes: the copy is of the moment of the snapshot. Certificates, things, groups and policies changed between the rehearsal and the start (by people, devices, other tasks or just-in-time registration) change the outcome.',
  'Limits of the account: the tasks running at the snapshot are counted against the quota of 10, but tasks started after it, throttling and other service quotas are not known.',
  'SNS: a message the twin "publishes" is not delivered; the real topic may not exist, may be in another account, or may refuse the role.',
  'Resources the findings do not name are not copied: a thing attached to a certificate through other principals, groups the things are not in, and the members of dynamic groups whose query the emulator does not evaluate.',
  'Only Describe, List and Get calls were made against the account; nothing in it was changed by the rehearsal.',
];
