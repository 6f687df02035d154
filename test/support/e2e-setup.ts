// Real broker round trips take seconds (a check-back cycle alone is 3-5 s).
jest.setTimeout(120000);
