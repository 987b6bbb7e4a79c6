"""Machine-translation drafts: engines behind one interface, and a driver that loses nothing.

``base`` defines the engine interface; ``registry`` builds engines by name; ``tm`` and
``pseudo`` work offline; ``online`` wraps deep-translator's services and DeepL's official
client; ``transport`` gives their requests a deadline and a size limit; ``redact`` keeps keys
out of what is kept or shown; ``answer`` screens what an engine answered; ``protect`` guards
placeholders and whitespace; ``policy`` retries, paces and stops requests; ``cache`` remembers
answers; ``driver`` fills catalogs; ``project`` decides which catalogs and engines.
"""
