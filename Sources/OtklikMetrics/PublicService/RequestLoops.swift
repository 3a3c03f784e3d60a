/// The row loops of the request KPIs over a ``RequestTable``'s columns through plain pointers, one for each kind and
/// compiled for each row test (``RequestRowMask``, or ``EveryRow`` when nothing is filtered): without dimensions the
/// counts stay in registers with no branch on the data (the sums in four lanes, ``sumsInLanes``); with dimensions each
/// row kept is counted into its cell's tally (``ProcessCells/count(_:passing:_:)``). Valid while the table is alive.
struct RequestLoops {
    let kind: PublicServiceKPI.Kind
    let status: UnsafePointer<UInt8>, channel: UnsafePointer<UInt8>
    let cost: UnsafePointer<Double>, customer: UnsafePointer<Int32>
    /// 1 at an online channel's index, else 0.
    let online: UnsafePointer<UInt8>
    /// The contacts of each request row (contacts per request only).
    let contacts: UnsafePointer<Int32>?

    /// Counts the rows of `rows` that pass `test` into `cells`; returns the completed requests without a cost among them
    /// (cost per service; 0 for the other kinds).
    func count<Test: FilteredRows>(_ rows: Range<Int>, passing test: Test, into cells: inout ProcessCells<CodeTally>) -> Int {
        let completed = RequestTable.completed
        let (status, channel, cost, customer, online) = (status, channel, cost, customer, online)
        let grouped = !cells.keys.isEmpty
        var total = CodeTally()
        var withoutCost = 0
        switch kind {
        case .completion where !grouped && Test.self == EveryRow.self:
            total = CodeTally(n: rows.count, successes: countBytes(status, equalTo: completed, in: rows))
        case .completion where !grouped:
            var n = 0, done = 0
            for row in rows {
                let keep = Int(test.weight(row))
                n &+= keep
                done &+= keep & (status[row] == completed ? 1 : 0)
            }
            total = CodeTally(n: n, successes: done)
        case .completion:
            cells.count(rows, passing: test) { tally, row in tally.add(success: status[row] == completed) }
        case .onlineShare where !grouped:
            var n = 0, done = 0
            for row in rows {
                let keep = Int(test.weight(row))
                n &+= keep
                done &+= keep & Int(online[Int(channel[row])])
            }
            total = CodeTally(n: n, successes: done)
        case .onlineShare:
            cells.count(rows, passing: test) { tally, row in tally.add(success: online[Int(channel[row])] != 0) }
        case .costPerService where !grouped && Test.self == EveryRow.self:
            let costs = CompletedCosts(status: status, cost: cost, rows: rows)
            withoutCost = costs.seen - costs.n
            total = CodeTally(n: costs.n, sum: costs.sum, squares: costs.squares)
        case .costPerService where !grouped:
            // A missing cost (NaN, a tenth of the completed requests) is masked to 0 by its bits, not skipped by a branch.
            var seen = 0, n = 0
            let (sum, squares) = sumsInLanes(rows) { row in
                let keep = Int(test.weight(row)) & (status[row] == completed ? 1 : 0)
                let value = cost[row]
                let known = keep & (value.isNaN ? 0 : 1)
                seen &+= keep
                n &+= known
                return Double(bitPattern: value.bitPattern & (0 &- UInt64(known)))
            }
            withoutCost = seen - n
            total = CodeTally(n: n, sum: sum, squares: squares)
        case .costPerService:
            cells.count(rows, passing: CompletedRows(test: test, status: status)) { tally, row in
                let value = cost[row]
                let known = value.isNaN ? 0 : 1
                let counted = Double(bitPattern: value.bitPattern & (0 &- UInt64(known)))
                withoutCost &+= 1 &- known
                tally.n &+= known
                tally.sum += counted
                tally.squares += counted * counted
            }
        case .contactsPerRequest where !grouped:
            guard let contacts else { break }  // nil only for an empty table: no rows
            var n = 0
            let (sum, squares) = sumsInLanes(rows) { row in
                let keep = Int(test.weight(row)) & (status[row] == completed ? 1 : 0)
                n &+= keep
                return Double(max(1, contacts[row])) * Double(keep)
            }
            total = CodeTally(n: n, sum: sum, squares: squares)
        case .contactsPerRequest:
            guard let contacts else { break }
            cells.count(rows, passing: CompletedRows(test: test, status: status)) { tally, row in tally.add(value: Double(max(1, contacts[row]))) }
        case .platformUsers:
            let online = OnlineCustomerRows(test: test, channel: channel, online: online, customer: customer)
            cells.count(rows, passing: online) { tally, row in tally.users.add(customer[row]) }
        case .phoneAnswered, .emailAnswered, .servicesOnlineShare:
            preconditionFailure("\(kind.rawValue) has no request cells")
        }
        if total.n > 0 { cells.add(total) }
        return withoutCost
    }
}
