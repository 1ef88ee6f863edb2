// An empty script: the baseline every import is measured against.
