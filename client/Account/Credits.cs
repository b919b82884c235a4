namespace YEScale.Account
{
    /// <summary>YEScale counts quotas in credits: 500,000 credits are 1 USD (YEScale page doc-7023075).</summary>
    public static class Credits
    {
        /// <summary>Credits in one US dollar.</summary>
        public const decimal PerUsd = 500_000m;

        /// <summary><paramref name="credits"/> in US dollars.</summary>
        public static decimal ToUsd(long credits) => credits / PerUsd;

        /// <summary><paramref name="usd"/> US dollars in credits, rounded down to whole credits.</summary>
        public static long FromUsd(decimal usd) => (long)decimal.Floor(usd * PerUsd);
    }

    /// <summary>The account's balance and spending in US dollars.</summary>
    public partial class YEScaleUser
    {
        /// <summary>The balance in US dollars (<see cref="Quota"/> / 500,000).</summary>
        public decimal QuotaUsd => Credits.ToUsd(Quota);

        /// <summary>What has been spent, in US dollars.</summary>
        public decimal UsedQuotaUsd => Credits.ToUsd(UsedQuota);
    }

    /// <summary>A key's remaining and spent quota in US dollars.</summary>
    public partial class ApiKeyInfo
    {
        /// <summary>What the key may still spend, in US dollars; null when the answer does not say.</summary>
        public decimal? RemainQuotaUsd => RemainQuota is { } credits ? Credits.ToUsd(credits) : null;

        /// <summary>What the key has spent, in US dollars; null when the answer does not say.</summary>
        public decimal? UsedQuotaUsd => UsedQuota is { } credits ? Credits.ToUsd(credits) : null;
    }
}
