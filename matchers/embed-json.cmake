# Wraps a JSON file in a C++ raw string literal.
file(READ ${IN} CONTENT)
file(WRITE ${OUT} "R\"devlife_json(${CONTENT})devlife_json\"\n")
