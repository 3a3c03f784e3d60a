extension Survey {
    /// The survey with its wording blanked: titles, question texts, Kano dysfunctional forms and option labels.
    var structure: Survey {
        var copy = self
        copy.titleRu = ""
        copy.titleEn = ""
        for index in copy.questions.indices {
            copy.questions[index].textRu = ""
            copy.questions[index].textEn = ""
            if copy.questions[index].dysfunctionalRu != nil { copy.questions[index].dysfunctionalRu = "" }
            if copy.questions[index].dysfunctionalEn != nil { copy.questions[index].dysfunctionalEn = "" }
            for option in copy.questions[index].options.indices {
                copy.questions[index].options[option].labelRu = ""
                copy.questions[index].options[option].labelEn = ""
            }
        }
        return copy
    }

    /// What `edited` changes beyond wording (nil when only wording differs): once a survey has answers, its questions,
    /// their types, scales, options, factors, pairings, conditions and the sampling plan stay as answered.
    public func changeBeyondWording(_ edited: Survey) -> String? {
        let before = structure, after = edited.structure
        if before == after { return nil }
        if before.questions.map(\.code) != after.questions.map(\.code) { return "the questions (added, removed or reordered)" }
        for (old, new) in zip(before.questions, after.questions) where old != new {
            if old.type != new.type { return "the type of question '\(old.code)'" }
            if old.options.map(\.code) != new.options.map(\.code) { return "the options of question '\(old.code)'" }
            if (old.dysfunctionalRu == nil) != (new.dysfunctionalRu == nil) || (old.dysfunctionalEn == nil) != (new.dysfunctionalEn == nil) {
                // Adding or removing a language of a Kano question's second form is wording.
                var a = old, b = new
                (a.dysfunctionalRu, a.dysfunctionalEn, b.dysfunctionalRu, b.dysfunctionalEn) = (nil, nil, nil, nil)
                if a == b { continue }
            }
            return "the factor, integral flag, pairing or condition of question '\(old.code)'"
        }
        return "the survey's purpose, target, K, sampling plan or attributes"
    }
}
