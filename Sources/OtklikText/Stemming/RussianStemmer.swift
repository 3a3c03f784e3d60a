/// The Snowball Russian stemmer, as published at snowballstem.org.
///
/// Input is one lower-case word (ё is folded to е here too); output is its stem ("ожидании" → "ожидан").
public enum RussianStemmer {
    private static let vowels = SnowballGrouping("аеиоуыэюя")
    private static let a = "а".snowball[0]
    private static let ya = "я".snowball[0]
    private static let i = "и".snowball[0]
    private static let n = "н".snowball[0]
    private static let yo = "ё".snowball[0]
    private static let ye = "е".snowball[0]

    private static let perfectiveGerund = SnowballAmongTable([
        ("в", 1), ("ив", 2), ("ыв", 2), ("вши", 1), ("ивши", 2), ("ывши", 2), ("вшись", 1), ("ившись", 2), ("ывшись", 2),
    ])
    private static let adjective = SnowballAmongTable(
        ["ее", "ие", "ое", "ые", "ими", "ыми", "ей", "ий", "ой", "ый", "ем", "им", "ом", "ым", "его", "ого", "ему", "ому",
         "их", "ых", "ею", "ою", "ую", "юю", "ая", "яя"].map { ($0, 1) })
    private static let participle = SnowballAmongTable([
        ("ем", 1), ("нн", 1), ("вш", 1), ("ивш", 2), ("ывш", 2), ("щ", 1), ("ющ", 1), ("ующ", 2),
    ])
    private static let reflexive = SnowballAmongTable([("сь", 1), ("ся", 1)])
    private static let verb = SnowballAmongTable([
        ("ла", 1), ("ила", 2), ("ыла", 2), ("на", 1), ("ена", 2), ("ете", 1), ("ите", 2), ("йте", 1), ("ейте", 2),
        ("уйте", 2), ("ли", 1), ("или", 2), ("ыли", 2), ("й", 1), ("ей", 2), ("уй", 2), ("л", 1), ("ил", 2), ("ыл", 2),
        ("ем", 1), ("им", 2), ("ым", 2), ("н", 1), ("ен", 2), ("ло", 1), ("ило", 2), ("ыло", 2), ("но", 1), ("ено", 2),
        ("нно", 1), ("ет", 1), ("ует", 2), ("ит", 2), ("ыт", 2), ("ют", 1), ("уют", 2), ("ят", 2), ("ны", 1), ("ены", 2),
        ("ть", 1), ("ить", 2), ("ыть", 2), ("ешь", 1), ("ишь", 2), ("ю", 2), ("ую", 2),
    ])
    private static let noun = SnowballAmongTable(
        ["а", "ев", "ов", "е", "ие", "ье", "и", "еи", "ии", "ами", "ями", "иями", "й", "ей", "ией", "ий", "ой", "ам", "ем",
         "ием", "ом", "ям", "иям", "о", "у", "ах", "ях", "иях", "ы", "ь", "ю", "ию", "ью", "я", "ия", "ья"].map { ($0, 1) })
    private static let derivational = SnowballAmongTable([("ост", 1), ("ость", 1)])
    private static let tidyUp = SnowballAmongTable([("ейше", 1), ("н", 2), ("ейш", 1), ("ь", 3)])

    /// The stem of one lower-case Russian word.
    public static func stem(_ word: String) -> String {
        var buffer = SnowballBuffer(word)
        for index in 0..<buffer.limit where buffer.current[index] == yo { buffer.current[index] = ye }
        var (pV, p2) = (buffer.limit, buffer.limit)
        buffer.cursor = 0
        markRegions: do {
            guard buffer.goOutGrouping(vowels) else { break markRegions }
            buffer.cursor += 1
            pV = buffer.cursor
            guard buffer.goInGrouping(vowels) else { break markRegions }
            buffer.cursor += 1
            guard buffer.goOutGrouping(vowels) else { break markRegions }
            buffer.cursor += 1
            guard buffer.goInGrouping(vowels) else { break markRegions }
            buffer.cursor += 1
            p2 = buffer.cursor
        }
        buffer.cursor = buffer.limit
        buffer.limitBackward = pV

        if !removePerfectiveGerund(&buffer) {
            buffer.cursor = buffer.limit
            buffer.ket = buffer.cursor
            if buffer.findAmongB(reflexive) != 0 {
                buffer.bra = buffer.cursor
                buffer.sliceDel()
            } else {
                buffer.cursor = buffer.limit
            }
            let saved = buffer.limit - buffer.cursor
            if !removeAdjectival(&buffer) {
                buffer.cursor = buffer.limit - saved
                if !removeEnding(&buffer, table: verb) {
                    buffer.cursor = buffer.limit - saved
                    buffer.ket = buffer.cursor
                    if buffer.findAmongB(noun) != 0 {
                        buffer.bra = buffer.cursor
                        buffer.sliceDel()
                    }
                }
            }
        }
        buffer.cursor = buffer.limit
        buffer.ket = buffer.cursor
        if buffer.eqCharB(i) {
            buffer.bra = buffer.cursor
            buffer.sliceDel()
        } else {
            buffer.cursor = buffer.limit
        }
        buffer.cursor = buffer.limit
        buffer.ket = buffer.cursor
        if buffer.findAmongB(derivational) != 0 {
            buffer.bra = buffer.cursor
            if p2 <= buffer.cursor { buffer.sliceDel() }
        }
        buffer.cursor = buffer.limit
        tidy(&buffer)
        return buffer.string
    }

    /// Removes an ending whose group-1 entries must follow а or я (perfective gerunds and verbs share the rule).
    private static func removeEnding(_ buffer: inout SnowballBuffer, table: SnowballAmongTable) -> Bool {
        buffer.ket = buffer.cursor
        let among = buffer.findAmongB(table)
        guard among != 0 else { return false }
        buffer.bra = buffer.cursor
        if among == 1 {
            guard buffer.eqCharB(a) || buffer.eqCharB(ya) else { return false }
        }
        buffer.sliceDel()
        return true
    }

    private static func removePerfectiveGerund(_ buffer: inout SnowballBuffer) -> Bool {
        removeEnding(&buffer, table: perfectiveGerund)
    }

    private static func removeAdjectival(_ buffer: inout SnowballBuffer) -> Bool {
        buffer.ket = buffer.cursor
        guard buffer.findAmongB(adjective) != 0 else { return false }
        buffer.bra = buffer.cursor
        buffer.sliceDel()
        let saved = buffer.limit - buffer.cursor
        buffer.ket = buffer.cursor
        let among = buffer.findAmongB(participle)
        guard among != 0 else {
            buffer.cursor = buffer.limit - saved
            return true
        }
        buffer.bra = buffer.cursor
        if among == 1 {
            guard buffer.eqCharB(a) || buffer.eqCharB(ya) else {
                buffer.cursor = buffer.limit - saved
                return true
            }
        }
        buffer.sliceDel()
        return true
    }

    private static func tidy(_ buffer: inout SnowballBuffer) {
        buffer.ket = buffer.cursor
        let among = buffer.findAmongB(tidyUp)
        guard among != 0 else { return }
        buffer.bra = buffer.cursor
        switch among {
        case 1:
            buffer.sliceDel()
            buffer.ket = buffer.cursor
            guard buffer.eqCharB(n) else { return }
            buffer.bra = buffer.cursor
            guard buffer.eqCharB(n) else { return }
            buffer.sliceDel()
        case 2:
            guard buffer.eqCharB(n) else { return }
            buffer.sliceDel()
        default:
            buffer.sliceDel()
        }
    }
}
