using MudBlazor.Services;
using Socializer.Core.Chat;
using Socializer.Core.Coaching;
using Socializer.Core.Assistant;
using Socializer.Core.Assistant.Rooms;
using Socializer.Core.Data;
using Socializer.Core.Memory;
using Socializer.Core.MultiInstance;
using Socializer.Core.Privacy;
using Socializer.Core.RoomFollowUp;
using Socializer.Core.Translation;
using Socializer.Web.Accounts;
using Socializer.Web.Api;
using Socializer.Web.Components;
using Socializer.Web.Hosting;
using Socializer.Web.Security;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddSocializerData(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddSocializerPrivacy(builder.Configuration["DataProtection:KeysPath"] ?? Path.Combine(builder.Environment.ContentRootPath, "App_Data", "keys"));
builder.Services.AddSocializerAccounts();
builder.Services.AddSocializerApi();
builder.Services.AddSocializerChat();
builder.Services.AddSocializerBus(builder.Configuration);
builder.Services.AddSocializerHealthChecks();
builder.Services.AddSocializerHealth(builder.Environment);
builder.Services.AddSocializerCoaching();
builder.Services.AddSocializerTranslation(builder.Configuration);
builder.Services.AddSocializerLifeEvents();
builder.Services.AddSocializerRoomFollowUp();
builder.Services.AddSocializerAssistant(builder.Configuration).AddSocializerAssistantApi();
builder.Services.AddSocializerRoomAssistant();
builder.Services.AddSocializerGracefulShutdown(builder.Configuration);
builder.Services.AddSocializerSecurity(builder.Configuration);

var app = builder.Build();

if (await app.RunMigrateCommandAsync(args)) return;
await app.InitializeDatabaseAsync();

app.UseExceptionHandler("/Error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseSocializerSecurity();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAccountEndpoints();
app.MapSocializerApi();
app.MapSocializerHealth();
app.MapSocializerPoolHealth();

app.Run();
