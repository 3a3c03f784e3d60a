import Foundation

/// The limits checked at send time (issue 19 item 2), as a pure function of what the store holds at that moment:
///
/// 1. consent — a channel is usable only with a consent in force for the programme's purpose on it; the customer's
///    preferred channel first, then the action's channels in order; none: skip (`no_consent`);
/// 2. frequency — at most `maxContacts` contacts in the last `windowDays` days across every programme, channel, survey
///    invitation and staff call (the shared ledger), and at most the customer's own `max_per_week` in 7 days (0: never contacted, `no_contacts_wanted`); over
///    either: wait until the oldest counted contact leaves its window (`frequency_cap`);
/// 3. quiet hours — the customer's own quiet hours in their time zone, else the programme's defaults there; with no
///    known zone, daytime in the organisation's zone (`quiet_hours`): wait until they end.
///
/// A wait past `deadline` is a skip (`too_late: …`).
public enum SendTimeLimits {
    public static func decide(
        limits: ContactLimits, channels: [String], consents: [Consent], preferences: ContactPreferences?, ledger: [ContactRecord],
        organisationZone: TimeZone, now: Date, deadline: Date? = nil
    ) -> SendDecision {
        var candidates: [String] = []
        if let preferred = preferences?.preferredChannel, !preferred.isEmpty { candidates.append(preferred) }
        for channel in channels where !candidates.contains(channel) { candidates.append(channel) }
        guard let channel = candidates.first(where: { channel in
            consents.contains { $0.purpose == limits.purpose && $0.channel == channel && $0.inForce(at: now) }
        }) else { return .skip(reason: "no_consent") }
        if preferences?.maxPerWeek == 0 { return .skip(reason: "no_contacts_wanted") }

        var earliest = now
        var reason: String?
        if let until = capFreesAt(limits: limits, preferences: preferences, ledger: ledger, now: now), until > earliest {
            earliest = until
            reason = "frequency_cap"
        }
        // Quiet hours are checked at the moment the cap allows (a wait may end inside them).
        let quiet = quietHours(limits: limits, preferences: preferences, organisationZone: organisationZone)
        if let end = quietEnd(at: earliest, from: quiet.from, to: quiet.to, zone: quiet.zone) {
            earliest = end
            reason = reason ?? "quiet_hours"
            if let again = capFreesAt(limits: limits, preferences: preferences, ledger: ledger, now: earliest), again > earliest {
                earliest = again
            }
        }
        guard let reason else { return .sendNow(channel: channel) }
        if let deadline, earliest > deadline { return .skip(reason: "too_late: \(reason)") }
        return .waitUntil(earliest, channel: channel, reason: reason)
    }

    /// The quiet window that applies to the customer and the zone it is read in.
    public static func quietHours(limits: ContactLimits, preferences: ContactPreferences?, organisationZone: TimeZone) -> (from: Int, to: Int, zone: TimeZone) {
        if let name = preferences?.timeZone, let zone = TimeZone(identifier: name) {
            if let from = preferences?.quietFromMinute, let to = preferences?.quietToMinute, from != to { return (from, to, zone) }
            return (limits.quietFromMinute, limits.quietToMinute, zone)
        }
        // Unknown zone: wait for daytime in the organisation's zone (the customer's own hours cannot be placed).
        return (limits.quietFromMinute, limits.quietToMinute, organisationZone)
    }

    /// Whether `moment` falls in the quiet window [from, to) read in `zone`.
    public static func isQuiet(_ moment: Date, from: Int, to: Int, zone: TimeZone) -> Bool {
        let minute = localMinute(moment, zone: zone)
        return from < to ? (minute >= from && minute < to) : (minute >= from || minute < to)
    }

    /// When the quiet window containing `moment` ends; nil when `moment` is not quiet.
    public static func quietEnd(at moment: Date, from: Int, to: Int, zone: TimeZone) -> Date? {
        guard isQuiet(moment, from: from, to: to, zone: zone) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let day = calendar.startOfDay(for: moment)
        for offset in 0...2 {
            guard let start = calendar.date(byAdding: .day, value: offset, to: day),
                let end = calendar.date(byAdding: .minute, value: to, to: start), end > moment
            else { continue }
            if !isQuiet(end, from: from, to: to, zone: zone) { return end }
        }
        return moment.addingTimeInterval(3600)
    }

    static func localMinute(_ moment: Date, zone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: moment)
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }

    /// When the frequency caps allow one more contact; nil when they allow it now.
    static func capFreesAt(limits: ContactLimits, preferences: ContactPreferences?, ledger: [ContactRecord], now: Date) -> Date? {
        var caps = [(limits.maxContacts, limits.window)]
        if let weekly = preferences?.maxPerWeek { caps.append((weekly, 7 * 86_400)) }
        var until: Date?
        for (cap, window) in caps where cap > 0 {
            // Contacts in (now − window, now]; a contact planned later than now (a wait) counts too.
            let counted = ledger.filter { $0.at > now.addingTimeInterval(-window) }.map(\.at).sorted()
            guard counted.count >= cap else { continue }
            // The contact whose leaving the window brings the count below the cap.
            let freeing = counted[counted.count - cap].addingTimeInterval(window)
            if freeing > now { until = max(until ?? freeing, freeing) }
        }
        return until
    }
}
