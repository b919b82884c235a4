using System.Collections.Generic;
using System.Globalization;
using YEScale.Account;

namespace YEScale.Cli.Waiting
{
    /// <summary>The account as lines of text, for `yescale balance` without --json: dollars first, credits (YEScale's unit) beside them.</summary>
    internal static class BalanceText
    {
        public static IEnumerable<(string Label, string Value)> Fields(YEScaleUser account)
        {
            yield return ("balance", Money(account.QuotaUsd, account.Quota));
            yield return ("used", Money(account.UsedQuotaUsd, account.UsedQuota));
            if (account.RequestCount is { } requests)
            {
                yield return ("requests", requests.ToString("N0", CultureInfo.InvariantCulture));
            }

            // The access token the answer also carries is a secret: it is never shown.
            var name = account.Username ?? account.DisplayName;
            if (name != null || account.Email != null)
            {
                yield return ("account", name is null ? account.Email! : account.Email is null ? name : $"{name} <{account.Email}>");
            }
        }

        public static IEnumerable<string> Lines(YEScaleUser account)
        {
            foreach (var (label, value) in Fields(account))
            {
                yield return (label + ":").PadRight(10) + value;
            }
        }

        private static string Money(decimal usd, long credits) =>
            "$" + usd.ToString("N2", CultureInfo.InvariantCulture) + " (" + credits.ToString("N0", CultureInfo.InvariantCulture) + " credits)";
    }
}
