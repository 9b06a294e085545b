"""Small indicator definitions shared by the tests of `check`'s findings: a count with
an annual target of 4000 persons and a rate with a ceiling of 4.50%."""

INDICATORS = """
indicators:
  - id: jobs
    name: 再就业
    unit: 人
    measure: flow
    target: "4000"
  - id: rate
    name: 失业率
    unit: "%"
    measure: rate
    direction: lower
    thresholds:
      - word: 以内
        value: "4.50"
"""
