import Foundation
import OtklikCore

/// One public-service KPI over the columns: the request columns of a ``RequestTable`` and, for the contact-based
/// KPIs, the contact columns of a ``CallTable``. Filters are resolved once into masks over codes (``CallMasks``), the
/// query's dimensions into small integer cells (``ProcessCells``); the rows are split across threads (``RowParts``),
/// each part counted into cells of its own, merged in row order; labels are made once per group. Checked KPI by KPI
/// against ``ReferencePublicServiceFacts``.
struct PublicServiceScan {
    let requests: RequestTable
    let calls: CallFacts
    let kpi: PublicServiceKPI
    let query: ProcessQuery
    let calendar: WorkingCalendar
    let options: ScanOptions
    /// The contacts' request ids as request rows, and their customers as codes of the requests' customers (kept by
    /// ``PublicServiceFacts`` between reports).
    let requestRows: CodeMapping
    let requestCustomers: CodeMapping

    /// The cells of the contacts on `channel` offered to a queue (answered or abandoned): phone and e-mail answered
    /// in time. For e-mail, one still unanswered within its term is left out and counted in `pending`.
    func answeredInTime(now: Date, pending: inout Int) -> ProcessCells<CodeTally> {
        let table = calls.table
        let keys = query.dimensions.map { CallKey($0, table: table, regionOfLocation: calls.regionOfLocation) }
        let masks = CallMasks(query, table: table, regionOfLocation: calls.regionOfLocation)
        guard !masks.isEmpty else { return ProcessCells(keys, denseLimit: options.denseLimit) }
        let phone = kpi.kind == .phoneAnswered
        let wanted = UInt8(Channel.allCases.firstIndex(of: phone ? .callCenter : .email)!)
        let today = LocalCalendar.day(of: now, in: requests.timeZone)
        // E-mail: each day's deadline and each hour's UTC offset (the replies' local days) in flat arrays made once,
        // not looked up in hash maps row by row; a reply outside the hours held is converted as before.
        let days = table.dayRange ?? today...today
        let deadlines = phone ? nil : WorkingDayDeadlines(calendar, count: kpi.emailWorkingDays, days: days)
        let lookahead = Int64(WorkingDayDeadlines.lookahead) + 2
        let hours = phone ? nil : calls.hourOffsets.offsets(covering: (Int64(days.lowerBound) - 1) * 24..<(Int64(days.upperBound) + lookahead) * 24)
        // Each day's cutoff for the replies (one comparison a row); nil where the local day steps back near one.
        let cutoffs = deadlines.flatMap { deadlines in
            hours.flatMap { ReplyCutoffs(deadlines, days: days, hours: $0, timeZone: requests.timeZone) }
        }
        // Without dimensions, the loop without branches (every row's day within the cutoffs, today's first second known).
        let todayStart = keys.isEmpty ? cutoffs.flatMap { cutoffs -> Double? in
            guard table.dayRange.map(cutoffs.covers) ?? true, let hours else { return nil }
            return ReplyCutoffs.firstSecond(of: today, hours: hours, timeZone: requests.timeZone).map(Double.init)
        } : nil
        let threshold = kpi.phoneThreshold
        let parts = RowParts.map(rows: table.count, options: options) { rows in
            var cells = ProcessCells<CodeTally>(keys, denseLimit: options.denseLimit)
            var pending = 0
            var total = CodeTally()
            var unheld = UTCOffsetCache(timeZone: requests.timeZone)
            withExtendedLifetime((table, masks)) {
                let test = masks.test(table)
                let channel = table.channel.base, flags = table.flags.base
                if let deadlines, let cutoffs {
                    func email<Test: RowTest>(_ test: Test) {
                        let email = EmailReplies(
                            channel: channel, flags: flags, day: table.day.base, arrival: table.arrival.base, wanted: wanted,
                            cutoffs: cutoffs, deadlines: deadlines, today: today)
                        if let todayStart {
                            let (tally, waiting) = switch table.wait.width {
                            case .float(let wait): email.countOverall(rows, test: test, wait: wait, todayStart: todayStart)
                            case .double(let wait): email.countOverall(rows, test: test, wait: wait, todayStart: todayStart)
                            }
                            total.merge(tally)
                            pending += waiting
                            return
                        }
                        switch table.wait.width {
                        case .float(let wait): email.count(rows, test: test, wait: wait, grouped: !keys.isEmpty, into: &cells, total: &total, pending: &pending, unheld: &unheld)
                        case .double(let wait): email.count(rows, test: test, wait: wait, grouped: !keys.isEmpty, into: &cells, total: &total, pending: &pending, unheld: &unheld)
                        }
                    }
                    if masks.filters { email(test) } else { email(EveryRow()) }
                } else if let deadlines, let hours {
                    for row in rows where channel[row] == wanted {
                        let outcome = flags[row] & CallTable.Flags.outcome
                        guard outcome != CallTable.Flags.selfService, test.weight(row) != 0 else { continue }
                        let deadline = deadlines[table.day[row]]
                        let success: Bool
                        if outcome == CallTable.Flags.answered {
                            let reply = Date(timeIntervalSinceReferenceDate: table.arrival[row]).addingTimeInterval(table.wait[row])
                            success = (hours.localDay(of: reply) ?? unheld.localDayAndHour(of: reply).day) <= deadline
                        } else if today <= deadline {
                            pending += 1
                            continue
                        } else {
                            success = false
                        }
                        if keys.isEmpty { total.add(success: success) } else { cells.add(row, success: success) }
                    }
                } else if keys.isEmpty {
                    func phoneAnswered<Test: RowTest>(_ test: Test) -> CodeTally {
                        switch table.wait.width {
                        case .float(let wait): Self.phoneAnswered(rows, test: test, channel: channel, flags: flags, wait: wait, wanted: wanted, threshold: threshold)
                        case .double(let wait): Self.phoneAnswered(rows, test: test, channel: channel, flags: flags, wait: wait, wanted: wanted, threshold: threshold)
                        }
                    }
                    total = masks.filters ? phoneAnswered(test) : phoneAnswered(EveryRow())
                } else {
                    for row in rows where channel[row] == wanted {
                        let outcome = flags[row] & CallTable.Flags.outcome
                        guard outcome != CallTable.Flags.selfService, test.weight(row) != 0 else { continue }
                        cells.add(row, success: outcome == CallTable.Flags.answered && table.wait[row] <= threshold)
                    }
                }
            }
            if total.n > 0 { cells.add(total) }
            return (cells, pending)
        }
        pending += parts.reduce(0) { $0 + $1.1 }
        return ProcessCells.merged(parts.map { $0.0 })
    }

    /// Phone answered in time without dimensions: each contact counts with a weight of 0 or 1, with no branch on its
    /// channel (half the contacts are calls) or outcome, its wait read through a plain pointer at the column's width
    /// (the threshold held at that width, ``StoredSeconds/atMost(_:)``). The counts are 32-bit over stretches of 4,096
    /// rows, the width of a `Float` wait, so that without a filter (``EveryRow``) the compiler tests four or more rows in
    /// one vector instruction each (with `Int` counts and the filter's test a row, the loop ran one row at a time).
    private static func phoneAnswered<Test: RowTest, Seconds: StoredSeconds>(
        _ rows: Range<Int>, test: Test, channel: UnsafePointer<UInt8>, flags: UnsafePointer<UInt8>, wait: UnsafePointer<Seconds>,
        wanted: UInt8, threshold: Double
    ) -> CodeTally {
        let limit = Seconds.atMost(threshold)
        var n = 0, successes = 0
        var start = rows.lowerBound
        while start < rows.upperBound {
            let end = min(start &+ 4_096, rows.upperBound)
            var kept: UInt32 = 0, answered: UInt32 = 0
            for row in start..<end {
                let outcome = flags[row] & CallTable.Flags.outcome
                let keep = test.weight(row) & (channel[row] == wanted ? 1 : 0) & (outcome != CallTable.Flags.selfService ? 1 : 0)
                kept &+= keep
                answered &+= keep & (outcome == CallTable.Flags.answered ? 1 : 0) & (wait[row] <= limit ? 1 : 0)
            }
            n &+= Int(kept)
            successes &+= Int(answered)
            start = end
        }
        return CodeTally(n: n, successes: successes)
    }

    /// The cells of the requests submitted in the period and passing the filters: cost, contacts per request,
    /// completion, online share, and the requests' part of platform users. Completed requests without a cost are
    /// counted in `withoutCost`.
    func requestCells(withoutCost: inout Int) -> ProcessCells<CodeTally> {
        let table = requests
        let keys = query.dimensions.map { CallKey($0, columns: table.keyColumns, regionOfLocation: calls.regionOfLocation) }
        let masks = CallMasks(
            query, queues: CodeDictionary(), agents: CodeDictionary(), locations: table.locations, services: table.services,
            regionOfLocation: calls.regionOfLocation)
        guard !masks.isEmpty else { return ProcessCells(keys, denseLimit: options.denseLimit) }
        let online = Column<UInt8>(Channel.allCases.map { kpi.onlineChannels.contains($0) ? 1 : 0 })
        let contacts = kpi.kind == .contactsPerRequest ? contactsPerRequest() : []
        let parts = RowParts.map(rows: table.count, options: options) { rows in
            var cells = ProcessCells<CodeTally>(keys, denseLimit: options.denseLimit)
            let withoutCost = withExtendedLifetime((table, masks, online)) {
                contacts.withUnsafeBufferPointer { contacts in
                    let loops = RequestLoops(
                        kind: kpi.kind, status: table.status.base, channel: table.channel.base, cost: table.cost.base,
                        customer: table.customer.base, online: online.base, contacts: contacts.baseAddress)
                    return masks.filters
                        ? loops.count(rows, passing: masks.test(table), into: &cells)
                        : loops.count(rows, passing: EveryRow(), into: &cells)
                }
            }
            return (cells, withoutCost)
        }
        withoutCost += parts.reduce(0) { $0 + $1.1 }
        return ProcessCells.merged(parts.map { $0.0 })
    }

    /// The contacts of each request row: every contact whose request id is held, whatever its time or attributes.
    func contactsPerRequest() -> [Int32] {
        let table = calls.table
        let rowOfCode = requestRows.ids(of: table.requests, in: requests.ids)
        var contacts = [Int32](repeating: 0, count: requests.count)
        for row in 0..<table.count {
            let code = table.request[row]
            guard code >= 0 else { continue }
            let request = rowOfCode[Int(code)]
            if request >= 0 { contacts[Int(request)] += 1 }
        }
        return contacts
    }

    /// The contacts' part of platform users: identified customers of contacts on the online channels in the period and
    /// passing the filters, as codes of the requests' customer dictionary (a customer it does not hold gets a code past
    /// its end, so the two parts' users are counted once each).
    func contactUsers() -> ProcessCells<CodeTally> {
        let table = calls.table
        let keys = query.dimensions.map { CallKey($0, table: table, regionOfLocation: calls.regionOfLocation) }
        let masks = CallMasks(query, table: table, regionOfLocation: calls.regionOfLocation)
        guard !masks.isEmpty else { return ProcessCells(keys, denseLimit: options.denseLimit) }
        let online = Column<UInt8>(Channel.allCases.map { kpi.onlineChannels.contains($0) ? 1 : 0 })
        let known = requests.customers.count
        let user = requestCustomers.ids(of: table.customers, in: requests.customers).enumerated().map { code, id in id >= 0 ? id : Int32(known + code) }
        let parts = RowParts.map(rows: table.count, options: options) { rows in
            var cells = ProcessCells<CodeTally>(keys, denseLimit: options.denseLimit)
            withExtendedLifetime((table, masks, online)) {
                user.withUnsafeBufferPointer { user in
                    let customer = table.customer.base
                    func count<Test: FilteredRows>(_ test: Test) {
                        let kept = OnlineCustomerRows(test: test, channel: table.channel.base, online: online.base, customer: customer)
                        cells.count(rows, passing: kept) { tally, row in tally.users.add(user[Int(customer[row])]) }
                    }
                    if masks.filters { count(masks.test(table)) } else { count(EveryRow()) }
                }
            }
            return cells
        }
        return ProcessCells.merged(parts)
    }
}
