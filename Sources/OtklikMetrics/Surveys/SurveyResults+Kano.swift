import OtklikCore

extension SurveyResults {
    /// Kano analysis per Kano question (feature) over the respondents who answered both its forms
    /// (`KanoAnalysis`: category by the evaluation table, Better = (A+O)/(A+O+M+I), Worse = −(O+M)/(A+O+M+I)).
    static func kano(_ survey: Survey, _ respondents: [(SurveyInvitation, [String: SurveyAnswer])]) -> [KanoAnalysis] {
        survey.kanoQuestions.map { question in
            let pairs: [(functional: KanoAnswer, dysfunctional: KanoAnswer)] = respondents.compactMap { _, given in
                guard let choices = given[question.code]?.choices, choices.count == 2,
                      let functional = KanoAnswer(code: choices[0]), let dysfunctional = KanoAnswer(code: choices[1]) else { return nil }
                return (functional, dysfunctional)
            }
            return KanoAnalysis(feature: question.code, pairs: pairs)
        }
    }
}
