#if NET10_0_OR_GREATER
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace Ssdlc.Build.Tasks.Dependencies
{
    /// <summary>
    /// Reads package metadata (listing, deprecation, vulnerabilities, versions) from the HTTP sources restore used, with
    /// NuGet.Protocol's <see cref="PackageMetadataResource"/>: the sources, credentials and package source mapping come
    /// from the nuget.config files restore read, responses go through NuGet's HTTP cache, and the whole lookup is bounded
    /// by one timeout. Local folder sources have no such metadata and are not asked. Never throws for a feed's sake: a
    /// source that cannot answer leaves its packages unanswered, with the reason.
    /// </summary>
    internal static class FeedMetadataReader
    {
        private const int ConcurrentRequests = 8;

        public static FeedLookup Read(
            IReadOnlyList<string> restoreSources,
            IReadOnlyList<string> configFiles,
            IReadOnlyCollection<(string Id, string Version)> packages,
            TimeSpan timeout,
            DateTime nowUtc)
        {
            var lookup = new FeedLookup();
            (List<PackageSource> sources, PackageSourceMapping? mapping) = ResolveSources(restoreSources, configFiles);
            if (sources.Count == 0 || packages.Count == 0)
            {
                return lookup;
            }

            var answers = new ConcurrentDictionary<string, PackageMetadata>(StringComparer.OrdinalIgnoreCase);
            var problems = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
            var done = new ConcurrentDictionary<string, byte>(StringComparer.OrdinalIgnoreCase);
            var resources = new ConcurrentDictionary<string, Lazy<Task<PackageMetadataResource?>>>(StringComparer.OrdinalIgnoreCase);
            // Not disposed here: after a timeout, requests that ignore cancellation may still hold them.
            var cancellation = new CancellationTokenSource(timeout);
            var cache = new SourceCacheContext();
            var throttle = new SemaphoreSlim(ConcurrentRequests);
            var work = new List<Task>();
            var waiting = new List<string>();

            foreach (IGrouping<string, (string Id, string Version)> byId in packages.GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase))
            {
                List<PackageSource> candidates = CandidateSources(byId.Key, sources, mapping);
                if (candidates.Count == 0)
                {
                    continue;
                }

                waiting.AddRange(byId.Select(p => p.Id + "/" + p.Version));
                work.Add(Task.Run(() => LookUpAsync(byId.Key, byId.Select(p => p.Version).ToList(), candidates, resources, cache, throttle, answers, problems, done, nowUtc, cancellation.Token)));
            }

            // NuGet honours cancellation, but a stuck connection must not hold the build: wait a little past the timeout, then go on.
            Task all = Task.WhenAll(work);
            bool finished = Task.WhenAny(all, Task.Delay(timeout + TimeSpan.FromMilliseconds(500))).GetAwaiter().GetResult() == all;
            if (!finished || cancellation.IsCancellationRequested)
            {
                string limit = $"within {timeout.TotalSeconds:0.#} s (SsdlcPackageMetadataTimeout)";
                var silent = sources.Where(s => resources.TryGetValue(s.Source, out Lazy<Task<PackageMetadataResource?>>? r) && r.IsValueCreated && (!r.Value.IsCompleted || r.Value.IsCanceled)).ToList();
                foreach (PackageSource source in silent)
                {
                    problems.TryAdd($"source '{source.Name}' did not answer {limit}", 0);
                }

                if (silent.Count == 0)
                {
                    problems.TryAdd($"the lookup did not finish {limit}", 0);
                }
            }

            foreach (string key in waiting)
            {
                if (answers.TryGetValue(key, out PackageMetadata? answer))
                {
                    lookup.Answers.Add(answer);
                }
                else if (!done.ContainsKey(key))
                {
                    lookup.Unanswered.Add(key);
                }
            }

            foreach (string problem in problems.Keys)
            {
                lookup.Problems.Add(problem);
            }

            return lookup;
        }

        private static async Task LookUpAsync(
            string id,
            List<string> versions,
            List<PackageSource> candidates,
            ConcurrentDictionary<string, Lazy<Task<PackageMetadataResource?>>> resources,
            SourceCacheContext cache,
            SemaphoreSlim throttle,
            ConcurrentDictionary<string, PackageMetadata> answers,
            ConcurrentDictionary<string, byte> problems,
            ConcurrentDictionary<string, byte> done,
            DateTime nowUtc,
            CancellationToken token)
        {
            var pending = new HashSet<string>(versions, StringComparer.OrdinalIgnoreCase);
            bool anyFailed = false;
            foreach (PackageSource source in candidates)
            {
                if (pending.Count == 0)
                {
                    break;
                }

                List<IPackageSearchMetadata>? all;
                await throttle.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    PackageMetadataResource? resource = await resources.GetOrAdd(source.Source, _ => new Lazy<Task<PackageMetadataResource?>>(() => ResourceAsync(source, problems, token))).Value.ConfigureAwait(false);
                    if (resource == null)
                    {
                        anyFailed = true;
                        continue;
                    }

                    all = (await resource.GetMetadataAsync(id, includePrerelease: true, includeUnlisted: true, cache, NullLogger.Instance, token).ConfigureAwait(false)).ToList();
                }
                catch (Exception ex) when (!token.IsCancellationRequested && ex is not OutOfMemoryException)
                {
                    problems.TryAdd($"source '{source.Name}': {Describe(ex)}", 0);
                    anyFailed = true;
                    continue;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                finally
                {
                    throttle.Release();
                }

                NuGetVersion? newestStable = all.Where(m => m.IsListed && !m.Identity.Version.IsPrerelease).Select(m => m.Identity.Version).DefaultIfEmpty().Max();
                foreach (string version in pending.ToList())
                {
                    if (!NuGetVersion.TryParse(version, out NuGetVersion? wanted))
                    {
                        pending.Remove(version);
                        continue;
                    }

                    IPackageSearchMetadata? match = all.FirstOrDefault(m => m.Identity.Version.Equals(wanted));
                    if (match == null)
                    {
                        continue;
                    }

                    var answer = new PackageMetadata(id, version, source.Name, nowUtc)
                    {
                        Listed = match.IsListed,
                        NewestStable = newestStable?.ToNormalizedString(),
                    };
                    PackageDeprecationMetadata? deprecation = await match.GetDeprecationMetadataAsync().ConfigureAwait(false);
                    if (deprecation != null)
                    {
                        answer.DeprecationReasons.AddRange((deprecation.Reasons ?? Enumerable.Empty<string>()).Where(r => !string.IsNullOrWhiteSpace(r)).DefaultIfEmpty("Other"));
                        answer.DeprecationMessage = deprecation.Message;
                        answer.AlternatePackageId = deprecation.AlternatePackage?.PackageId;
                        answer.AlternatePackageRange = deprecation.AlternatePackage?.Range?.ToNormalizedString();
                    }

                    foreach (PackageVulnerabilityMetadata vulnerability in match.Vulnerabilities ?? Enumerable.Empty<PackageVulnerabilityMetadata>())
                    {
                        answer.Vulnerabilities.Add((vulnerability.AdvisoryUrl?.ToString() ?? string.Empty, vulnerability.Severity));
                    }

                    answers[answer.Key] = answer;
                    pending.Remove(version);
                }
            }

            // Every source answered and none has the version: nothing to say about it (it did not come from these feeds).
            if (!anyFailed)
            {
                foreach (string version in pending)
                {
                    done[id + "/" + version] = 0;
                }
            }
        }

        private static async Task<PackageMetadataResource?> ResourceAsync(PackageSource source, ConcurrentDictionary<string, byte> problems, CancellationToken token)
        {
            try
            {
                SourceRepository repository = Repository.Factory.GetCoreV3(source);
                PackageMetadataResource? resource = await repository.GetResourceAsync<PackageMetadataResource>(token).ConfigureAwait(false);
                if (resource == null)
                {
                    problems.TryAdd($"source '{source.Name}' offers no package metadata (no registration resource)", 0);
                }

                return resource;
            }
            catch (Exception ex) when (!token.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                problems.TryAdd($"source '{source.Name}': {Describe(ex)}", 0);
                return null;
            }
        }

        /// <summary>The HTTP sources restore used, with their names, credentials and mapping from the nuget.config files it read.</summary>
        private static (List<PackageSource> Sources, PackageSourceMapping? Mapping) ResolveSources(IReadOnlyList<string> restoreSources, IReadOnlyList<string> configFiles)
        {
            var configured = new List<PackageSource>();
            PackageSourceMapping? mapping = null;
            List<string> existing = configFiles.Where(File.Exists).ToList();
            if (existing.Count > 0)
            {
                try
                {
                    ISettings settings = Settings.LoadSettingsGivenConfigPaths(existing);
                    configured.AddRange(new PackageSourceProvider(settings).LoadPackageSources());
                    mapping = PackageSourceMapping.GetPackageSourceMapping(settings);
                }
                catch (Exception ex) when (ex is NuGetConfigurationException || ex is IOException || ex is UnauthorizedAccessException || ex is System.Xml.XmlException)
                {
                    // The dependency check reports a broken nuget.config (SSDLC0002); here the sources are used as restore listed them.
                }
            }

            var sources = new List<PackageSource>();
            foreach (string restoreSource in restoreSources)
            {
                PackageSource source = configured.FirstOrDefault(c => SameSource(c.Source, restoreSource)) ?? new PackageSource(restoreSource, restoreSource);
                if (source.IsHttp && sources.All(s => !SameSource(s.Source, source.Source)))
                {
                    sources.Add(source);
                }
            }

            return (sources, mapping);
        }

        private static List<PackageSource> CandidateSources(string id, List<PackageSource> sources, PackageSourceMapping? mapping)
        {
            if (mapping == null || !mapping.IsEnabled)
            {
                return sources;
            }

            IReadOnlyList<string> names = mapping.GetConfiguredPackageSources(id);
            return sources.Where(s => names.Contains(s.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        }

        private static bool SameSource(string a, string b)
            => string.Equals(a.TrimEnd('/', '\\'), b.TrimEnd('/', '\\'), StringComparison.OrdinalIgnoreCase);

        /// <summary>The exception chain's messages, without user info in URLs.</summary>
        private static string Describe(Exception ex)
        {
            var messages = new List<string>();
            for (Exception? e = ex; e != null && messages.Count < 3; e = e.InnerException)
            {
                string message = e.Message.Trim();
                if (message.Length > 0 && !messages.Any(m => m.Contains(message, StringComparison.Ordinal)))
                {
                    messages.Add(message);
                }
            }

            string text = string.Join(" ", messages).Replace('\r', ' ').Replace('\n', ' ');
            return Regex.Replace(text, @"://[^/@\s]+@", "://***@");
        }
    }
}
#endif
