import Foundation

/// The loop of e-mail answered in time over plain pointers to the contact columns: an answered e-mail counts as a
/// success when its reply (arrival + wait) is before its day's cutoff (``ReplyCutoffs``) — two additions and a
/// comparison a row, done in `Double` exactly as `Date` does them, so the result equals the reply's local day compared
/// with the deadline. An unanswered e-mail still within its term is left out and counted in `pending`; one past it
/// is a failure. A contact on a day outside the cutoffs (none while the table's day range bounds them) has its
/// reply's day converted as before.
struct EmailReplies {
    let channel: UnsafePointer<UInt8>
    let flags: UnsafePointer<UInt8>
    let day: UnsafePointer<Int32>
    let arrival: UnsafePointer<Double>
    let wanted: UInt8
    let cutoffs: ReplyCutoffs
    let deadlines: WorkingDayDeadlines
    let today: Int32

    /// Seconds from 1970 to 2001, what `Date.timeIntervalSince1970` adds to the stored moment.
    private static let since1970 = Date.timeIntervalBetween1970AndReferenceDate

    func count<Test: RowTest, Seconds: StoredSeconds>(
        _ rows: Range<Int>, test: Test, wait: UnsafePointer<Seconds>, grouped: Bool,
        into cells: inout ProcessCells<CodeTally>, total: inout CodeTally, pending: inout Int, unheld: inout UTCOffsetCache
    ) {
        let channel = self.channel, flags = self.flags, day = self.day, arrival = self.arrival, wanted = self.wanted
        let firstDay = Int(cutoffs.firstDay)
        cutoffs.cutoffs.withUnsafeBufferPointer { cutoff in
            for row in rows where channel[row] == wanted {
                let outcome = flags[row] & CallTable.Flags.outcome
                guard outcome != CallTable.Flags.selfService, test.weight(row) != 0 else { continue }
                let index = Int(day[row]) &- firstDay
                let success: Bool
                if outcome == CallTable.Flags.answered {
                    let reply = (arrival[row] + wait[row].seconds) + Self.since1970
                    if index >= 0 && index < cutoff.count {
                        success = reply < cutoff[index]
                    } else {
                        let moment = Date(timeIntervalSinceReferenceDate: arrival[row]).addingTimeInterval(wait[row].seconds)
                        success = unheld.localDayAndHour(of: moment).day <= deadlines[day[row]]
                    }
                } else if today <= deadlines[day[row]] {
                    pending += 1
                    continue
                } else {
                    success = false
                }
                if grouped { cells.add(row, success: success) } else { total.add(success: success) }
            }
        }
    }

    /// Without dimensions: every contact counted with weights of 0 or 1, with no branch on its channel or outcome (the
    /// e-mails are a third of the contacts, in no order: the branch on the channel mispredicted one row in three); each
    /// row's reply and its day's cutoff are read whether it is an e-mail or not. An unanswered e-mail is pending while
    /// today's first second is before its cutoff (today is within its deadline). Needs every row's day within the
    /// cutoffs (``ReplyCutoffs/covers(_:)`` of the table's day range).
    func countOverall<Test: RowTest, Seconds: StoredSeconds>(
        _ rows: Range<Int>, test: Test, wait: UnsafePointer<Seconds>, todayStart: Double
    ) -> (tally: CodeTally, pending: Int) {
        let channel = self.channel, flags = self.flags, day = self.day, arrival = self.arrival, wanted = self.wanted
        let firstDay = Int(cutoffs.firstDay)
        var kept = 0, successes = 0, pending = 0
        cutoffs.cutoffs.withUnsafeBufferPointer { cutoffs in
            guard let cutoff = cutoffs.baseAddress else { return }
            for row in rows {
                let outcome = flags[row] & CallTable.Flags.outcome
                let email = test.weight(row) & (channel[row] == wanted ? 1 : 0) & (outcome != CallTable.Flags.selfService ? 1 : 0)
                let limit = cutoff[Int(day[row]) &- firstDay]
                let answered: UInt32 = outcome == CallTable.Flags.answered ? 1 : 0
                let reply = (arrival[row] + wait[row].seconds) + Self.since1970
                let inTime: UInt32 = reply < limit ? 1 : 0
                let open: UInt32 = todayStart < limit ? 1 : 0
                let waiting = email & (answered ^ 1) & open
                kept &+= Int(email) &- Int(waiting)
                successes &+= Int(email & answered & inTime)
                pending &+= Int(waiting)
            }
        }
        return (CodeTally(n: kept, successes: successes), pending)
    }
}
