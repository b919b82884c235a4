using System.Linq;

namespace YEScale.Toolkit.Generator.Emit
{
    /// <summary>
    /// Writes <c>services.Add{ClientName}()</c> for projects that use Microsoft.Extensions.Http (ASP.NET Core, the generic
    /// host): a typed client from IHttpClientFactory, options from configuration and the environment, the app's logging.
    /// Configuration is read by hand, not bound by reflection, so the registration stays trimming- and AOT-safe.
    /// </summary>
    internal static class HostingEmitter
    {
        private const string Services = "global::Microsoft.Extensions.DependencyInjection.IServiceCollection";
        private const string Provider = "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions";
        private const string Options = "global::YEScale.Toolkit.ApiClientOptions";

        public static string HintName(string @namespace, string client) => @namespace + "." + ClassName(client) + ".g.cs";

        /// <summary>The configuration section: the client's name without "Client" (YEScaleClient reads "YEScale").</summary>
        public static string SectionName(string client)
            => client.Length > 6 && client.EndsWith("Client", System.StringComparison.Ordinal)
                ? client.Substring(0, client.Length - 6)
                : client;

        /// <summary>The registration of <paramref name="client"/>, with <paramref name="accessibility"/> ("public" or "internal").</summary>
        public static string Emit(string @namespace, string client, string accessibility)
        {
            var section = SectionName(client);
            var prefix = new string(section.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
            var writer = GeneratedFile.Begin(@namespace);
            DocComments.Summary(writer, null, "Registers " + client + " with dependency injection, as a typed HttpClient from IHttpClientFactory.");
            writer.Line(GeneratedFile.GeneratedCodeAttribute);
            using (writer.Block(accessibility + " static partial class " + ClassName(client)))
            {
                DocComments.Summary(writer, null, "The configuration section read for the client's options: ApiKey and BaseAddress.");
                writer.Line("public const string ConfigurationSectionName = " + CSharpText.Literal(section) + ";");
                writer.Line();
                DocComments.Summary(writer, null, "The environment variable read for the API key when configuration has none.");
                writer.Line("public const string ApiKeyEnvironmentVariable = " + CSharpText.Literal(prefix + "_API_KEY") + ";");
                writer.Line();
                DocComments.Summary(writer, null, "The environment variable read for the base address when configuration has none.");
                writer.Line("public const string BaseAddressEnvironmentVariable = " + CSharpText.Literal(prefix + "_BASE_URL") + ";");
                writer.Line();
                DocComments.Summary(writer, null, "Registers " + client + ": options from the \"" + section + "\" configuration section, then the " + prefix + "_API_KEY and " + prefix + "_BASE_URL environment variables, then configure; logging through the app's ILoggerFactory.");
                DocComments.Param(writer, "services", "The service collection.");
                DocComments.Param(writer, "configure", "Sets options last, over configuration and environment.");
                DocComments.Element(writer, "returns", "The HttpClient builder, to add handlers such as AddStandardResilienceHandler().");
                using (writer.Block("public static global::Microsoft.Extensions.DependencyInjection.IHttpClientBuilder Add" + client + "(this " + Services + " services, global::System.Action<" + Options + ">? configure = null)"))
                {
                    writer.Line("if (services == null) throw new global::System.ArgumentNullException(nameof(services));");
                    writer.Line("var name__ = typeof(" + client + ").FullName!;");
                    writer.Line("var options__ = global::Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions.AddOptions<" + Options + ">(services, name__);");
                    using (writer.Block("options__.Configure<global::System.IServiceProvider>((options, provider) =>"))
                    {
                        writer.Line("var section = " + Provider + ".GetService<global::Microsoft.Extensions.Configuration.IConfiguration>(provider)?.GetSection(ConfigurationSectionName);");
                        writer.Line("var key = section?[\"ApiKey\"];");
                        writer.Line("if (string.IsNullOrWhiteSpace(key)) key = global::System.Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable);");
                        writer.Line("if (!string.IsNullOrWhiteSpace(key)) options.ApiKey = key;");
                        writer.Line("var address = section?[\"BaseAddress\"];");
                        writer.Line("if (string.IsNullOrWhiteSpace(address)) address = global::System.Environment.GetEnvironmentVariable(BaseAddressEnvironmentVariable);");
                        writer.Line("if (!string.IsNullOrWhiteSpace(address)) options.BaseAddress = new global::System.Uri(address!, global::System.UriKind.Absolute);");
                        writer.Line("options.LoggerFactory ??= " + Provider + ".GetService<global::Microsoft.Extensions.Logging.ILoggerFactory>(provider);");
                    }

                    writer.Line(");");
                    writer.Line("if (configure != null) options__.Configure(configure);");
                    writer.Line("var builder__ = global::Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions.AddHttpClient(services, name__);");
                    // The client's own timeouts (ApiClientOptions.Timeout, per call) govern; HttpClient's 100 s would cut long answers under them.
                    writer.Line("global::Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.ConfigureHttpClient(builder__, http => http.Timeout = global::System.Threading.Timeout.InfiniteTimeSpan);");
                    writer.Line("global::Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.AddTypedClient<" + client + ">(builder__, (global::System.Net.Http.HttpClient http, global::System.IServiceProvider provider) =>");
                    writer.Line("    new " + client + "(http, " + Provider + ".GetRequiredService<global::Microsoft.Extensions.Options.IOptionsMonitor<" + Options + ">>(provider).Get(name__)));");
                    writer.Line("return builder__;");
                }
            }

            return GeneratedFile.End(writer);
        }

        private static string ClassName(string client) => client + "ServiceCollectionExtensions";
    }
}
