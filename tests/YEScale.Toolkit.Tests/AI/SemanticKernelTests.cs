using System.ComponentModel;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Xunit;
using YEScale.Toolkit.Tests.Infrastructure;

namespace AdapterChecks
{
    /// <summary>Semantic Kernel over the generated IChatClient: a kernel invokes a plugin function the model asks for.</summary>
    public class SemanticKernelTests
    {
        public sealed class LighthousePlugin
        {
            public int Calls { get; private set; }

            [KernelFunction("lamp_state")]
            [Description("Says whether the lighthouse lamp of a harbour is lit.")]
            public string LampState([Description("The harbour")] string harbour)
            {
                Calls++;
                return "The lamp of " + harbour + " is lit";
            }
        }

        [Fact]
        public async Task A_kernel_invokes_a_plugin_function_through_the_adapter()
        {
            await using var service = await SimulatedService.StartAsync();
            var plugin = new LighthousePlugin();
            var builder = Kernel.CreateBuilder();
            // Semantic Kernel runs plugin functions itself, through its own middleware on the chat client.
            builder.Services.AddSingleton(new ChatClientBuilder(service.Client.AsIChatClient("gpt-4o-mini")).UseKernelFunctionInvocation().Build());
            builder.Plugins.AddFromObject(plugin, "lighthouse");
            var kernel = builder.Build();

            var answer = await kernel.InvokePromptAsync(
                "Is the lamp lit in Brest?",
                new KernelArguments(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }));

            Assert.Equal(1, plugin.Calls);
            Assert.Contains("The lamp of simulated is lit", answer.ToString());
            Assert.Equal(2, service.Exchanges.Count);
            Assert.Contains("lighthouse", service.Exchanges[0].RequestBody);
            service.AssertExchangesConformToSpec();
        }
    }
}
