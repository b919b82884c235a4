using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;
using YEScale.Account;
using YEScale.Simulator;
using YEScale.Toolkit.Tests.Infrastructure;

namespace YEScale.Toolkit.Tests.Gateway
{
    /// <summary>
    /// The account API (YEScale page doc-7023075): its own host and an Access Key, reached by the generated
    /// <see cref="YEScaleAccountClient"/> without building a URL; the balance in USD is one call. Against a simulator
    /// serving spec/yescale-account.openapi.yaml on 127.0.0.1.
    /// </summary>
    public class AccountApiTests
    {
        private const string AccessKey = "ak-test-access-key-0123456789";

        [Fact]
        public void The_account_client_reaches_its_own_host_not_the_models_host()
        {
            Assert.Equal(new Uri("https://yescale.bogia.app"), YEScaleAccountClient.DefaultBaseAddress);
            Assert.Equal(new Uri("https://api.yescale.io"), YEScale.YEScaleClient.DefaultBaseAddress);
        }

        [Fact]
        public async Task The_balance_in_USD_is_one_call_and_keys_are_listed_edited_and_deleted_with_the_Access_Key()
        {
            await using var simulator = new YEScaleSimulator(new SimulatorOptions
            {
                ApiKey = AccessKey,
                SpecPath = Path.Combine(SeedPage.Repository, "spec", "yescale-account.openapi.yaml"),
            });
            var address = await simulator.StartAsync();
            var wire = new RecordingHandler(new SocketsHttpHandler());
            using var http = new HttpClient(wire);
            var account = new YEScaleAccountClient(http, new ApiClientOptions { BaseAddress = address, ApiKey = AccessKey });

            var user = (await account.GetUserAsync()).Data;
            var keys = (await account.ListApiKeysAsync(keyword: "dsdfs")).Data;
            var edited = await account.EditApiKeyQuotaAsync(keys[0].Id, new QuotaEdit { RemainQuota = Credits.FromUsd(100m) });
            var deleted = await account.DeleteApiKeyAsync(keys[0].Id);

            Assert.Equal(8664402091, user.Quota);
            Assert.Equal(17328.804182m, user.QuotaUsd);
            Assert.Equal(2920.028286m, user.UsedQuotaUsd);
            var key = Assert.Single(keys);
            Assert.Equal(7136, key.Id);
            Assert.Equal(-1, key.ExpiredTime);
            Assert.Equal(0.227554m, key.RemainQuotaUsd);
            Assert.True(edited.Success);
            Assert.True(deleted.Success);
            Assert.Equal(new[] { "GET /yescale/user", "GET /yescale/apikeylist?keyword=dsdfs", "PUT /yescale/editquota/7136", "DELETE /yescale/deletekey/7136" }, wire.Exchanges.Select(e => e.Method + " " + e.PathAndQuery));
            Assert.Contains("\"remain_quota\":50000000", wire.Exchanges[2].RequestBody);
            SpecConformance.AssertConforms(wire.Exchanges, "yescale-account.openapi.yaml");
        }

        [Fact]
        public async Task An_API_key_where_the_Access_Key_belongs_is_refused_with_a_typed_error_that_does_not_show_it()
        {
            await using var simulator = new YEScaleSimulator(new SimulatorOptions
            {
                ApiKey = AccessKey,
                SpecPath = Path.Combine(SeedPage.Repository, "spec", "yescale-account.openapi.yaml"),
            });
            var address = await simulator.StartAsync();
            using var http = new HttpClient();
            const string ModelKey = "sk-a-model-api-key-not-an-access-key";
            var account = new YEScaleAccountClient(http, new ApiClientOptions { BaseAddress = address, ApiKey = ModelKey });

            var error = await Assert.ThrowsAsync<ApiException>(() => account.GetUserAsync());

            Assert.Equal(401, error.Status);
            Assert.DoesNotContain(ModelKey, error.ToString());
        }
    }
}
