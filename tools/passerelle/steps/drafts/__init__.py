"""Machine-translation drafts: engines behind one interface, and a driver that loses nothing.

``base`` defines the engine interfaces; ``registry`` builds engines by name; ``tm`` and
``pseudo`` work offline; ``online`` wraps deep-translator's services and DeepL's official
client; ``llm`` speaks to language models (OpenAI-compatible servers, Anthropic) through their
official clients; ``transport`` gives requests a deadline and a size limit; ``redact`` keeps keys
out of what is kept or shown; ``answer`` screens what an engine answered; ``protect`` guards
placeholders and whitespace; ``verify`` checks one answer against its source; ``plurals`` drafts
every form of a plural entry; ``policy`` retries, paces and stops requests; ``cache`` remembers
answers; ``batching`` cuts texts into requests; ``driver`` fills catalogs text by text;
``context``, ``prompt`` and ``documents`` draft a document's units together, with their context,
for language models; ``project`` decides which catalogs and engines.
"""
