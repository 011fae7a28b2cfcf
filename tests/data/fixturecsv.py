"""fixturecsv.py: how the fixture generators of tests/data (make-*.py)
write XGBoost's outputs: CSV files with a header line, and each float32
as '%.9g', nine significant digits, which read back as the same float32.
"""


def fmt(v):
    """A float32 as XGBoost's fixtures write it."""
    return '%.9g' % v


def write_csv(path, header, rows):
    """Write rows of text fields under header to path."""
    with open(path, 'w') as fp:
        fp.write(','.join(header) + '\n')
        for r in rows:
            fp.write(','.join(r) + '\n')
