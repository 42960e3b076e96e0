// The longest texts the admin API accepts, so a field stops where the server would refuse. They are the C# limits
// (src/Upsell.Domain/Validation/Limits.cs) by the same names; a test holds the two files equal.
export const LIMITS = Object.freeze({
  headline: 80,
  body: 280,
  callToAction: 40,
  declineText: 60,
  experimentText: 2000,
});
