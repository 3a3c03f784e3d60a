extension Tally {
    /// The tally of one group from its counters laid out as `layout` says (`decoded` is
    /// `layout.decodedSlots`, computed once per scan); measures not asked for stay zero.
    init(slots: UnsafeBufferPointer<Int>, layout: HistogramLayout, decoded: [(nps: Int, csat: Int, button: Int, ces: Int, flags: Int)], measures: TallyMeasures) {
        self.init()
        let (wantsNPS, wantsCSAT, wantsButton) = (measures.contains(.nps), measures.contains(.csat), measures.contains(.button))
        let (wantsCES, wantsFlags) = (measures.contains(.ces), measures.contains(.flags))
        for (index, codes) in decoded.enumerated() {
            let k = slots[index]
            if k == 0 { continue }
            count += k
            if wantsNPS && codes.nps > 0 {
                npsN += k
                if codes.nps - 1 >= 9 { promoters += k }
                if codes.nps - 1 <= 6 { detractors += k }
            }
            if wantsCSAT && codes.csat > 0 {
                csatN += k
                if codes.csat - 1 >= 4 { csatTop2 += k }
            }
            if wantsButton && codes.button > 0 {
                buttonN += k
                if codes.button == 1 { buttonPositive += k }
                if codes.button == 3 { buttonNegative += k }
            }
            if wantsCES && layout.cesMultiplier > 0 && codes.ces > 0 { addCES(score: codes.ces - 1, times: k) }
            if wantsFlags && layout.flagsMultiplier > 0 { addFlags(codes.flags, times: k) }
            if wantsFlags && layout.derivedFlags {
                addFlags(Int(Self.npsFlags[codes.nps] | Self.csatFlags[codes.csat] | Self.buttonFlags[codes.button]), times: k)
            }
        }
        if wantsFlags && layout.separateFlags >= 0 {
            for code in 1..<HistogramLayout.flagCodes { addFlags(code, times: slots[layout.separateFlags + code]) }
        }
        if wantsCES && layout.separateCES >= 0 {
            for code in 1..<HistogramLayout.cesCodes { addCES(score: code - 1, times: slots[layout.separateCES + code]) }
        }
    }

    private mutating func addFlags(_ flags: Int, times k: Int) {
        if flags & 1 != 0 { rated += k }
        if flags & 2 != 0 { negative += k }
    }

    private mutating func addCES(score: Int, times k: Int) {
        cesN += k
        cesSum += score * k
        cesSumOfSquares += score * score * k
        if score >= 5 { cesEasy += k }
    }

    /// The tally with only the given measures' fields kept (the record count always): what a dense
    /// scan for those measures produces, so that every scan path answers alike.
    func keeping(_ measures: TallyMeasures) -> Tally {
        var result = Tally()
        result.count = count
        if measures.contains(.nps) { (result.npsN, result.promoters, result.detractors) = (npsN, promoters, detractors) }
        if measures.contains(.csat) { (result.csatN, result.csatTop2) = (csatN, csatTop2) }
        if measures.contains(.ces) { (result.cesN, result.cesSum, result.cesSumOfSquares, result.cesEasy) = (cesN, cesSum, cesSumOfSquares, cesEasy) }
        if measures.contains(.button) { (result.buttonN, result.buttonPositive, result.buttonNegative) = (buttonN, buttonPositive, buttonNegative) }
        if measures.contains(.flags) { (result.rated, result.negative) = (rated, negative) }
        return result
    }

    /// The rated (bit 0) and negative (bit 1) flags each score code contributes, indexed by code
    /// (score + 1 for NPS/CSAT, 0-3 for a press); a record's flags are the bitwise or of its three.
    static let npsFlags: [UInt8] = [0] + (0...10).map { $0 <= 6 ? 3 : 1 }
    static let csatFlags: [UInt8] = [0] + (0...5).map { (1...2).contains($0) ? 3 : 1 }
    static let buttonFlags: [UInt8] = [0, 1, 1, 3]
}
