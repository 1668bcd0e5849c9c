using System.Text;
using KubeEdge.PrePull.Testing.Storage;

namespace KubeEdge.PrePull.Testing.Protobuf;

/// <summary>Reads protobuf wire format: field keys, varints, and length-delimited bytes (strings and messages).</summary>
internal sealed class ProtobufReader
{
    private readonly ReadOnlyMemory<byte> _data;
    private int _position;

    /// <summary>Creates a reader over one message.</summary>
    /// <param name="data">The message's bytes.</param>
    public ProtobufReader(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>Reads the next field's key.</summary>
    /// <param name="field">The field number.</param>
    /// <param name="wireType">The wire type (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32).</param>
    /// <returns><see langword="false"/> at the end of the message.</returns>
    public bool Next(out int field, out int wireType)
    {
        if (_position >= _data.Length)
        {
            field = 0;
            wireType = 0;
            return false;
        }

        var key = ReadVarint();
        field = (int)(key >> 3);
        wireType = (int)(key & 7);
        return true;
    }

    /// <summary>Reads a varint.</summary>
    /// <returns>Its value.</returns>
    /// <exception cref="ApiException">400 for a truncated or overlong varint.</exception>
    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw Malformed();
            }

            var b = _data.Span[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Malformed();
    }

    /// <summary>Reads a length-delimited field's bytes.</summary>
    /// <returns>The bytes.</returns>
    /// <exception cref="ApiException">400 when the length runs past the message.</exception>
    public ReadOnlyMemory<byte> ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw Malformed();
        }

        var bytes = _data.Slice(_position, (int)length);
        _position += (int)length;
        return bytes;
    }

    /// <summary>Reads a length-delimited field as UTF-8 text.</summary>
    /// <returns>The text.</returns>
    public string ReadString() => Encoding.UTF8.GetString(ReadBytes().Span);

    /// <summary>Skips a field of the given wire type.</summary>
    /// <param name="wireType">The wire type from <see cref="Next"/>.</param>
    /// <exception cref="ApiException">400 for a wire type protobuf 3 does not use.</exception>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0: ReadVarint(); break;
            case 1: Advance(8); break;
            case 2: ReadBytes(); break;
            case 5: Advance(4); break;
            default: throw Malformed();
        }
    }

    private void Advance(int count)
    {
        if (count > _data.Length - _position)
        {
            throw Malformed();
        }

        _position += count;
    }

    private static ApiException Malformed() => ApiException.BadRequest("the protobuf request body is malformed");
}
