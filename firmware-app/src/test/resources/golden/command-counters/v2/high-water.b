# lunarbase command counters v2
generation=3
floor=0
ops-1=1733580000123456
rs-1=42
crc32c=dc440fea
