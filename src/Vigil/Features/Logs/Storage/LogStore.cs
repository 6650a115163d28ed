using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Features.Logs.Blocks;
using Vigil.Features.Logs.Blocks.Evaluation;
using Vigil.Features.Logs.Query;
using Vigil.Infrastructure.Storage;
using Vigil.Protocols.LogQuery;
using Vigil.Protocols.Logs;

namespace Vigil.Features.Logs.Storage;

/// <summary>Runs log queries over the stored blocks: pages of events, aggregations, histograms, top
/// templates and the tail. A block is read only when its time span overlaps the range and its word
/// filter holds every word the query requires; a line is parsed only when its bytes hold them too.</summary>
public sealed class LogStore(Database database, LogTemplates templates)
{
    /// <summary>Events matching <paramref name="query"/>'s filter, newest first.</summary>
    public async Task<LogPage> SearchAsync(long projectId, Vigil.Protocols.LogQuery.Query query, TimeRange range, int limit, string? cursor, CancellationToken cancellationToken = default)
    {
        var filter = LogFilter.Compile(query.Filter);
        var after = LogCursor.Decode(cursor);
        limit = Math.Clamp(limit, 1, 1000);
        await using var connection = await database.OpenAsync(cancellationToken);
        var reader = new BlockReader(connection);
        var allTemplates = MentionsTemplate(query.Filter, null) ? await templates.AllAsync(connection, projectId, cancellationToken) : null;
        var scan = new BlockScan(filter.RequiredWords);
        var scratch = new StoredLogEvent();
        // The newest `limit` matches so far, smallest (oldest) on top.
        var best = new PriorityQueue<(LogEventView View, long Hash), (long Timestamp, long Id)>();
        await foreach (var block in reader.NewestFirstAsync(projectId, range.From, range.To, CanPrune(filter), cancellationToken))
        {
            if (best.Count == limit && best.TryPeek(out _, out var oldest) && block.MaxTimestamp < oldest.Timestamp)
                break;
            if (after is { } c && block.MinTimestamp > c.Timestamp)
                continue;
            if (!MayMatch(block, filter))
                continue;
            scan.Each(block.Id, await reader.DataAsync(block.Id, cancellationToken), scratch, ev =>
            {
                if (ev.Timestamp < range.From || ev.Timestamp >= range.To)
                    return true;
                if (after is { } c && (ev.Timestamp > c.Timestamp || (ev.Timestamp == c.Timestamp && ev.Id >= c.Id)))
                    return true;
                if (best.Count == limit && best.TryPeek(out _, out var floor) && (ev.Timestamp, ev.Id).CompareTo(floor) <= 0)
                    return true;
                ev.Template = allTemplates?.GetValueOrDefault(ev.TemplateHash);
                if (!filter.Matches(ev))
                    return true;
                if (best.Count == limit)
                    best.Dequeue();
                best.Enqueue((View(ev), ev.TemplateHash), (ev.Timestamp, ev.Id));
                return true;
            });
        }
        var found = new List<(LogEventView View, long Hash)>(best.Count);
        while (best.Count > 0)
            found.Add(best.Dequeue());
        found.Reverse();
        var events = await WithTemplatesAsync(connection, projectId, found, cancellationToken);
        var next = events.Count == limit ? LogCursor.Encode(events[^1].Timestamp.ToUnixTimeMilliseconds(), events[^1].Id) : null;
        return new LogPage(events, next);
    }

    /// <summary>Events stored after <paramref name="afterId"/> matching the filter, oldest first: what the live tail shows next.</summary>
    public async Task<IReadOnlyList<LogEventView>> AfterAsync(long projectId, QueryNode? filterNode, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        var filter = LogFilter.Compile(filterNode);
        limit = Math.Clamp(limit, 1, 1000);
        await using var connection = await database.OpenAsync(cancellationToken);
        var reader = new BlockReader(connection);
        var allTemplates = MentionsTemplate(filterNode, null) ? await templates.AllAsync(connection, projectId, cancellationToken) : null;
        var scan = new BlockScan(filter.RequiredWords);
        var scratch = new StoredLogEvent();
        var events = new List<(LogEventView View, long Hash)>();
        var firstBlock = afterId == long.MaxValue ? long.MaxValue : (afterId >> 16);
        await foreach (var block in reader.FromIdAsync(projectId, firstBlock, cancellationToken))
        {
            scan.Each(block.Id, await reader.DataAsync(block.Id, cancellationToken), scratch, ev =>
            {
                if (ev.Id <= afterId)
                    return true;
                ev.Template = allTemplates?.GetValueOrDefault(ev.TemplateHash);
                if (filter.Matches(ev))
                    events.Add((View(ev), ev.TemplateHash));
                return events.Count < limit;
            });
            if (events.Count >= limit)
                break;
        }
        return await WithTemplatesAsync(connection, projectId, events, cancellationToken);
    }

    public async Task<long> LatestIdAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await new BlockReader(connection).LatestEventIdAsync(projectId, cancellationToken);
    }

    public async Task<AggregateResult> AggregateAsync(long projectId, Aggregation aggregation, QueryNode? filter, TimeRange range, CancellationToken cancellationToken = default)
    {
        if (MinuteCounts.CanAnswer(aggregation, filter))
            return await MinuteCounts.AggregateAsync(database, projectId, aggregation, range, cancellationToken);
        var aggregator = new LogAggregator(aggregation);
        await ScanAsync(projectId, filter, aggregation, range, aggregator.Add, cancellationToken);
        return aggregator.Result();
    }

    /// <summary>Matching events per time bin, for the search page's histogram.</summary>
    public async Task<IReadOnlyList<HistogramBin>> HistogramAsync(long projectId, QueryNode? filter, TimeRange range, TimeSpan bin, CancellationToken cancellationToken = default)
    {
        var aggregation = new Aggregation([new AggregateCall(AggregateFunction.Count, null, null, 0)], [new GroupKey(null, bin)]);
        var result = await AggregateAsync(projectId, aggregation, filter, range, cancellationToken);
        return result.Rows.Select(r => new HistogramBin((DateTimeOffset)r[0]!, Convert.ToInt64(r[1]))).ToList();
    }

    /// <summary>The most frequent message templates among matching events.</summary>
    public async Task<IReadOnlyList<TemplateCount>> TopTemplatesAsync(long projectId, QueryNode? filter, TimeRange range, int limit, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<long, long>();
        await ScanAsync(projectId, filter, null, range, ev => counts[ev.TemplateHash] = counts.GetValueOrDefault(ev.TemplateHash) + 1, cancellationToken);
        var top = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(Math.Clamp(limit, 1, 100)).ToList();
        await using var connection = await database.OpenAsync(cancellationToken);
        var texts = await templates.ForAsync(connection, projectId, top.Select(t => t.Key), cancellationToken);
        return top.Select(t => new TemplateCount(t.Key, texts.GetValueOrDefault(t.Key) ?? "", t.Value)).ToList();
    }

    /// <summary>Hands every matching event in the range to <paramref name="onMatch"/>.</summary>
    private async Task ScanAsync(long projectId, QueryNode? filterNode, Aggregation? aggregation, TimeRange range, Action<StoredLogEvent> onMatch, CancellationToken cancellationToken)
    {
        var filter = LogFilter.Compile(filterNode);
        await using var connection = await database.OpenAsync(cancellationToken);
        var reader = new BlockReader(connection);
        var allTemplates = MentionsTemplate(filterNode, aggregation) ? await templates.AllAsync(connection, projectId, cancellationToken) : null;
        var scan = new BlockScan(filter.RequiredWords);
        var scratch = new StoredLogEvent();
        await foreach (var block in reader.NewestFirstAsync(projectId, range.From, range.To, CanPrune(filter), cancellationToken))
        {
            if (!MayMatch(block, filter))
                continue;
            scan.Each(block.Id, await reader.DataAsync(block.Id, cancellationToken), scratch, ev =>
            {
                if (ev.Timestamp < range.From || ev.Timestamp >= range.To)
                    return true;
                ev.Template = allTemplates?.GetValueOrDefault(ev.TemplateHash);
                if (filter.Matches(ev))
                    onMatch(ev);
                return true;
            });
        }
    }

    /// <summary>Whether a block's filter or levels could rule it out for this query.</summary>
    private static bool CanPrune(LogFilter filter) => filter.RequiredWords.Count > 0 || filter.RequiredLevels != LogFilter.AnyLevel;

    /// <summary>False when the block surely holds no match: it lacks a level the query needs, or a word.</summary>
    private static bool MayMatch(BlockMeta block, LogFilter filter)
    {
        if ((block.Levels & filter.RequiredLevels) == 0)
            return false;
        foreach (var word in filter.RequiredWords)
        {
            if (!BlockFilter.MayContain(block.Filter, word))
                return false;
        }
        return true;
    }

    private static LogEventView View(StoredLogEvent ev) => new(ev.Id, DateTimeOffset.FromUnixTimeMilliseconds(ev.Timestamp), LogLevels.Name(ev.Level),
        ev.Message, ev.Template, ev.Service, ev.Host, ev.Pid, ev.TraceId, ev.SpanId, ev.RequestId, ev.Environment, ev.Exception,
        ev.Properties.ValueKind == JsonValueKind.Object ? JsonNode.Parse(ev.Properties.GetRawText()) : new JsonObject());

    /// <summary>The views, each with its template's text.</summary>
    private async Task<List<LogEventView>> WithTemplatesAsync(DbConnection connection, long projectId, List<(LogEventView View, long Hash)> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
            return [];
        var texts = await templates.ForAsync(connection, projectId, events.Select(e => e.Hash), cancellationToken);
        return events.Select(e => e.View with { Template = texts.GetValueOrDefault(e.Hash) }).ToList();
    }

    private static bool MentionsTemplate(QueryNode? node, Aggregation? aggregation) =>
        Mentions(node) || (aggregation is not null && (aggregation.GroupBy.Any(k => IsTemplate(k.Field)) || aggregation.Calls.Any(c => IsTemplate(c.Field))));

    private static bool Mentions(QueryNode? node) => node switch
    {
        AndNode and => Mentions(and.Left) || Mentions(and.Right),
        OrNode or => Mentions(or.Left) || Mentions(or.Right),
        NotNode not => Mentions(not.Operand),
        CompareNode compare => IsTemplate(compare.Field),
        LikeNode like => IsTemplate(like.Field),
        InNode @in => IsTemplate(@in.Field),
        HasNode has => IsTemplate(has.Field),
        _ => false,
    };

    private static bool IsTemplate(FieldPath? field) => field is not null && EventField.Resolve(field).IsTemplate;
}
